using System.Text;
using OvsNet.Generators.Diagnostics;
using OvsNet.Generators.Parsing;

namespace OvsNet.Generators.Json;

/// <summary>
/// A small strict JSON (RFC 8259) reader that keeps positions. The generator cannot use System.Text.Json: its version
/// in a compiler host is not ours to choose, and some hosts fail to load it.
/// </summary>
internal sealed class JsonParser
{
    private const int MaxDepth = 64;
    private readonly string text;
    private int pos;

    private JsonParser(string text) => this.text = text;

    /// <summary>Parses one JSON document.</summary>
    /// <exception cref="SchemaException">The text is not JSON (OVSGEN001), at the fault's position.</exception>
    public static JsonNode Parse(string text)
    {
        var parser = new JsonParser(text);
        parser.SkipWhitespace();
        JsonNode root = parser.ReadValue(0);
        parser.SkipWhitespace();
        if (parser.pos < text.Length)
        {
            throw parser.Error("unexpected text after the end of the JSON document");
        }

        return root;
    }

    private JsonNode ReadValue(int depth)
    {
        if (depth > MaxDepth)
        {
            throw this.Error("the JSON nests too deeply");
        }

        if (this.pos >= this.text.Length)
        {
            throw this.Error("unexpected end of the file, a value was expected");
        }

        char c = this.text[this.pos];
        switch (c)
        {
            case '{':
                return this.ReadObject(depth);
            case '[':
                return this.ReadArray(depth);
            case '"':
                int start = this.pos;
                string s = this.ReadString();
                return new JsonNode(JsonKind.String, start, this.pos - start, s);
            case 't':
                return this.ReadLiteral("true", JsonKind.True);
            case 'f':
                return this.ReadLiteral("false", JsonKind.False);
            case 'n':
                return this.ReadLiteral("null", JsonKind.Null);
            default:
                if (c == '-' || (c >= '0' && c <= '9'))
                {
                    return this.ReadNumber();
                }

                throw this.Error($"unexpected character '{c}', a value was expected");
        }
    }

    private JsonNode ReadObject(int depth)
    {
        int start = this.pos++;
        var members = new List<JsonMember>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        this.SkipWhitespace();
        if (this.Peek() == '}')
        {
            this.pos++;
            return new JsonNode(JsonKind.Object, start, this.pos - start, members: members);
        }

        while (true)
        {
            this.SkipWhitespace();
            if (this.Peek() != '"')
            {
                throw this.Error("a member name in double quotes was expected");
            }

            int nameStart = this.pos;
            string name = this.ReadString();
            int nameLength = this.pos - nameStart;
            if (!seen.Add(name))
            {
                throw new SchemaException(GeneratorDiagnostics.MalformedJson, nameStart, nameLength, $"the member \"{name}\" appears twice in one object");
            }

            this.SkipWhitespace();
            this.Expect(':');
            this.SkipWhitespace();
            JsonNode value = this.ReadValue(depth + 1);
            members.Add(new JsonMember(name, nameStart, nameLength, value));
            this.SkipWhitespace();
            char next = this.Peek();
            this.pos++;
            if (next == '}')
            {
                return new JsonNode(JsonKind.Object, start, this.pos - start, members: members);
            }

            if (next != ',')
            {
                this.pos--;
                throw this.Error("',' or '}' was expected");
            }
        }
    }

    private JsonNode ReadArray(int depth)
    {
        int start = this.pos++;
        var items = new List<JsonNode>();
        this.SkipWhitespace();
        if (this.Peek() == ']')
        {
            this.pos++;
            return new JsonNode(JsonKind.Array, start, this.pos - start, items: items);
        }

        while (true)
        {
            this.SkipWhitespace();
            items.Add(this.ReadValue(depth + 1));
            this.SkipWhitespace();
            char next = this.Peek();
            this.pos++;
            if (next == ']')
            {
                return new JsonNode(JsonKind.Array, start, this.pos - start, items: items);
            }

            if (next != ',')
            {
                this.pos--;
                throw this.Error("',' or ']' was expected");
            }
        }
    }

    private string ReadString()
    {
        this.pos++;
        var sb = new StringBuilder();
        while (true)
        {
            if (this.pos >= this.text.Length)
            {
                throw this.Error("unterminated string");
            }

            char c = this.text[this.pos++];
            if (c == '"')
            {
                return sb.ToString();
            }

            if (c < ' ')
            {
                this.pos--;
                throw this.Error("a control character must be escaped inside a string");
            }

            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }

            char e = this.pos < this.text.Length ? this.text[this.pos++] : '\0';
            switch (e)
            {
                case '"': sb.Append('"'); break;
                case '\\': sb.Append('\\'); break;
                case '/': sb.Append('/'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'u':
                    if (this.pos + 4 > this.text.Length || !int.TryParse(this.text.Substring(this.pos, 4), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture, out int code))
                    {
                        throw this.Error("\\u must be followed by four hex digits");
                    }

                    sb.Append((char)code);
                    this.pos += 4;
                    break;
                default:
                    this.pos--;
                    throw this.Error($"invalid escape '\\{e}'");
            }
        }
    }

    private JsonNode ReadNumber()
    {
        int start = this.pos;
        if (this.Peek() == '-')
        {
            this.pos++;
        }

        if (!this.ReadDigits())
        {
            throw this.Error("a digit was expected");
        }

        if (this.Peek() == '.')
        {
            this.pos++;
            if (!this.ReadDigits())
            {
                throw this.Error("a digit was expected after '.'");
            }
        }

        if (this.Peek() is 'e' or 'E')
        {
            this.pos++;
            if (this.Peek() is '+' or '-')
            {
                this.pos++;
            }

            if (!this.ReadDigits())
            {
                throw this.Error("a digit was expected in the exponent");
            }
        }

        return new JsonNode(JsonKind.Number, start, this.pos - start, this.text.Substring(start, this.pos - start));
    }

    private bool ReadDigits()
    {
        int start = this.pos;
        while (this.Peek() is >= '0' and <= '9')
        {
            this.pos++;
        }

        return this.pos > start;
    }

    private JsonNode ReadLiteral(string literal, JsonKind kind)
    {
        if (string.CompareOrdinal(this.text, this.pos, literal, 0, literal.Length) != 0)
        {
            throw this.Error($"unexpected character '{this.text[this.pos]}', a value was expected");
        }

        int start = this.pos;
        this.pos += literal.Length;
        return new JsonNode(kind, start, literal.Length);
    }

    private void Expect(char c)
    {
        if (this.Peek() != c)
        {
            throw this.Error($"'{c}' was expected");
        }

        this.pos++;
    }

    private char Peek() => this.pos < this.text.Length ? this.text[this.pos] : '\0';

    private void SkipWhitespace()
    {
        while (this.pos < this.text.Length && this.text[this.pos] is ' ' or '\t' or '\r' or '\n')
        {
            this.pos++;
        }
    }

    private SchemaException Error(string message)
    {
        int at = Math.Min(this.pos, this.text.Length);
        return new SchemaException(GeneratorDiagnostics.MalformedJson, at, at < this.text.Length ? 1 : 0, message);
    }
}
