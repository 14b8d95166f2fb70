using System.Buffers.Text;
using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>
/// Streaming readers for RFC 7047 §5.1 notation. Each method expects the reader on the first token of the value and
/// leaves it on the value's last token, like a <see cref="System.Text.Json.Serialization.JsonConverter{T}"/>.
/// </summary>
internal static class OvsdbJsonRead
{
    public static OvsdbAtom ReadAtom(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return ReadNumber(ref reader);
            case JsonTokenType.String:
                return OvsdbAtom.StringUnchecked(reader.GetString()!);
            case JsonTokenType.True:
                return OvsdbAtom.Boolean(true);
            case JsonTokenType.False:
                return OvsdbAtom.Boolean(false);
            case JsonTokenType.StartArray:
                Next(ref reader, "an atom");
                if (reader.TokenType == JsonTokenType.String)
                {
                    if (reader.ValueTextEquals("uuid"u8))
                    {
                        return OvsdbAtom.Uuid(ReadTaggedUuidRest(ref reader));
                    }

                    if (reader.ValueTextEquals("named-uuid"u8))
                    {
                        return OvsdbAtom.NamedUuidUnchecked(ReadTaggedNameRest(ref reader));
                    }
                }

                throw new JsonException($"Expected an OVSDB atom, but found an array starting with {Describe(ref reader)} (only [\"uuid\",..] and [\"named-uuid\",..] arrays are atoms; RFC 7047 §5.1).");
            default:
                throw new JsonException($"Expected an OVSDB atom, but found {Describe(ref reader)}.");
        }
    }

    public static OvsdbAtom ReadNumber(ref Utf8JsonReader reader)
    {
        // RFC 7047 §3.1: integers are 64-bit. A number that does not fit (9223372036854775808) is a real, as
        // ovsdb-server reads it.
        if (reader.TryGetInt64(out long integer))
        {
            return OvsdbAtom.Integer(integer);
        }

        if (reader.TryGetDouble(out double real) && double.IsFinite(real))
        {
            return OvsdbAtom.Real(real);
        }

        throw new JsonException("An OVSDB number must be a finite 64-bit integer or double.");
    }

    public static OvsdbUuid ReadUuid(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "[\"uuid\",\"...\"]");
        Next(ref reader, "a uuid");
        if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("uuid"u8))
        {
            throw new JsonException($"Expected [\"uuid\",\"...\"], but the tag is {Describe(ref reader)}.");
        }

        return ReadTaggedUuidRest(ref reader);
    }

    public static OvsdbNamedUuid ReadNamedUuid(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "[\"named-uuid\",\"name\"]");
        Next(ref reader, "a named-uuid");
        if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("named-uuid"u8))
        {
            throw new JsonException($"Expected [\"named-uuid\",\"name\"], but the tag is {Describe(ref reader)}.");
        }

        return new OvsdbNamedUuid(ReadTaggedNameRest(ref reader));
    }

    /// <summary>Parses a uuid string token (the second element of ["uuid",..] or a bare uuid string).</summary>
    public static OvsdbUuid ParseUuidString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a uuid string, but found {Describe(ref reader)}.");
        }

        return ParseUuidText(ref reader, "a uuid (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
    }

    /// <summary>
    /// Parses the text of the current string or property-name token as a uuid; <paramref name="what"/> completes the
    /// error message ("'text' is not {what}."). The common case (36 unescaped bytes) is parsed without a string.
    /// </summary>
    public static OvsdbUuid ParseUuidText(ref Utf8JsonReader reader, string what)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.Length == 36
            && Utf8Parser.TryParse(reader.ValueSpan, out Guid guid, out int consumed, 'D') && consumed == 36)
        {
            return new OvsdbUuid(guid);
        }

        string text = reader.GetString()!;
        return OvsdbUuid.TryParse(text, out OvsdbUuid uuid)
            ? uuid
            : throw new JsonException($"'{text}' is not {what}.");
    }

    public static OvsdbValue ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return new OvsdbValue(ReadAtom(ref reader));
        }

        Next(ref reader, "a value");
        if (reader.TokenType == JsonTokenType.String)
        {
            if (reader.ValueTextEquals("set"u8))
            {
                return new OvsdbValue(ReadSetRest(ref reader));
            }

            if (reader.ValueTextEquals("map"u8))
            {
                return new OvsdbValue(ReadMapRest(ref reader));
            }

            if (reader.ValueTextEquals("uuid"u8))
            {
                return new OvsdbValue(OvsdbAtom.Uuid(ReadTaggedUuidRest(ref reader)));
            }

            if (reader.ValueTextEquals("named-uuid"u8))
            {
                return new OvsdbValue(OvsdbAtom.NamedUuidUnchecked(ReadTaggedNameRest(ref reader)));
            }
        }

        throw new JsonException($"Expected an OVSDB value: an atom, [\"set\",..], [\"map\",..], [\"uuid\",..] or [\"named-uuid\",..], but found an array starting with {Describe(ref reader)}.");
    }

    public static OvsdbSet ReadSet(ref Utf8JsonReader reader)
    {
        OvsdbValue value = ReadValue(ref reader);
        return value.Kind == OvsdbValueKind.Map
            ? throw new JsonException("Expected an OVSDB set (or a bare atom), but found a map.")
            : value.AsSet();
    }

    public static OvsdbMap ReadMap(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "[\"map\",[...]]");
        Next(ref reader, "a map");
        if (reader.TokenType != JsonTokenType.String || !reader.ValueTextEquals("map"u8))
        {
            throw new JsonException($"Expected [\"map\",[...]] (RFC 7047 §5.1 allows no other map form), but the first element is {Describe(ref reader)}.");
        }

        return ReadMapRest(ref reader);
    }

    public static OvsdbRow ReadRow(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartObject, "a row object");
        Dictionary<string, OvsdbValue>? columns = null;
        while (true)
        {
            Next(ref reader, "a row");
            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return columns is null ? OvsdbRow.Empty : OvsdbRow.Wrap(columns);
            }

            string name = ReadColumnName(ref reader);
            Next(ref reader, "a row");
            OvsdbValue value = ReadValue(ref reader);
            columns ??= new Dictionary<string, OvsdbValue>(StringComparer.Ordinal);
            if (!columns.TryAdd(name, value))
            {
                throw new JsonException($"The row has the column '{name}' twice.");
            }
        }
    }

    /// <summary>
    /// A column name, as one shared string per name: a replica of N rows would otherwise hold N copies of "name". A
    /// small per-thread table of recent names, checked byte for byte; escaped, long or non-ASCII names are just read.
    /// </summary>
    private static string ReadColumnName(ref Utf8JsonReader reader)
    {
        if (reader.HasValueSequence || reader.ValueIsEscaped || reader.ValueSpan.Length > 64)
        {
            return reader.GetString()!;
        }

        ReadOnlySpan<byte> utf8 = reader.ValueSpan;
        string?[] names = ThreadColumnNames ??= new string?[128];
        int slot = utf8.IsEmpty ? 0 : ((utf8.Length * 31) + (utf8[0] * 7) + utf8[^1]) & (names.Length - 1);
        string? cached = names[slot];
        if (cached is not null && System.Text.Ascii.Equals(utf8, cached))
        {
            return cached;
        }

        string name = reader.GetString()!;
        names[slot] = name;
        return name;
    }

    [ThreadStatic]
    private static string?[]? ThreadColumnNames;

    /// <summary>Reads an array of rows (<c>"rows"</c> of select results and wait operations).</summary>
    public static List<OvsdbRow> ReadRows(ref Utf8JsonReader reader)
    {
        Expect(ref reader, JsonTokenType.StartArray, "an array of rows");
        var rows = new List<OvsdbRow>();
        while (Next(ref reader, "rows") != JsonTokenType.EndArray)
        {
            rows.Add(ReadRow(ref reader));
        }

        return rows;
    }

    /// <summary>Reads an array of strings (column lists).</summary>
    public static List<string> ReadStrings(ref Utf8JsonReader reader, string what)
    {
        Expect(ref reader, JsonTokenType.StartArray, what);
        var list = new List<string>();
        while (Next(ref reader, what) != JsonTokenType.EndArray)
        {
            list.Add(reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new JsonException($"Expected strings in {what}, but found {Describe(ref reader)}."));
        }

        return list;
    }

    public static string ReadString(ref Utf8JsonReader reader, string what) =>
        reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw new JsonException($"Expected a string for {what}, but found {Describe(ref reader)}.");

    public static JsonTokenType Next(ref Utf8JsonReader reader, string inside)
    {
        if (!reader.Read())
        {
            throw new JsonException($"The JSON ended inside {inside}.");
        }

        return reader.TokenType;
    }

    public static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (reader.TokenType != type)
        {
            throw new JsonException($"Expected {what}, but found {Describe(ref reader)}.");
        }
    }

    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"the string \"{reader.GetString()}\"",
        JsonTokenType.Number => "a number",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.StartObject => "an object",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        JsonTokenType.EndArray => "the end of the array",
        JsonTokenType.EndObject => "the end of the object",
        _ => reader.TokenType.ToString(),
    };

    private static OvsdbUuid ReadTaggedUuidRest(ref Utf8JsonReader reader)
    {
        Next(ref reader, "[\"uuid\",..]");
        OvsdbUuid uuid = ParseUuidString(ref reader);
        ExpectEnd(ref reader, "[\"uuid\",..]");
        return uuid;
    }

    private static string ReadTaggedNameRest(ref Utf8JsonReader reader)
    {
        Next(ref reader, "[\"named-uuid\",..]");
        string name = ReadString(ref reader, "a named-uuid");
        if (!OvsdbNamedUuid.IsValidName(name))
        {
            throw new JsonException($"'{name}' is not a valid uuid-name ([_a-zA-Z][_a-zA-Z0-9]*).");
        }

        ExpectEnd(ref reader, "[\"named-uuid\",..]");
        return name;
    }

    private static OvsdbSet ReadSetRest(ref Utf8JsonReader reader)
    {
        Next(ref reader, "[\"set\",..]");
        Expect(ref reader, JsonTokenType.StartArray, "the element array of [\"set\",[...]]");
        OvsdbAtom[] items = [];
        int count = 0;
        while (Next(ref reader, "a set") != JsonTokenType.EndArray)
        {
            if (count == items.Length)
            {
                Array.Resize(ref items, Math.Max(4, count * 2));
            }

            items[count++] = ReadAtom(ref reader);
        }

        ExpectEnd(ref reader, "[\"set\",..]");
        if (count != items.Length)
        {
            Array.Resize(ref items, count);
        }

        try
        {
            return OvsdbSet.FromArray(items, checkDuplicates: true);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static OvsdbMap ReadMapRest(ref Utf8JsonReader reader)
    {
        Next(ref reader, "[\"map\",..]");
        Expect(ref reader, JsonTokenType.StartArray, "the pair array of [\"map\",[...]]");
        var pairs = new List<KeyValuePair<OvsdbAtom, OvsdbAtom>>();
        while (Next(ref reader, "a map") != JsonTokenType.EndArray)
        {
            Expect(ref reader, JsonTokenType.StartArray, "a [key, value] pair");
            Next(ref reader, "a map pair");
            OvsdbAtom key = ReadAtom(ref reader);
            Next(ref reader, "a map pair");
            OvsdbAtom value = ReadAtom(ref reader);
            ExpectEnd(ref reader, "a [key, value] pair");
            pairs.Add(new(key, value));
        }

        ExpectEnd(ref reader, "[\"map\",..]");
        try
        {
            return OvsdbMap.FromArray([.. pairs]);
        }
        catch (ArgumentException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static void ExpectEnd(ref Utf8JsonReader reader, string what)
    {
        Next(ref reader, what);
        if (reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException($"{what} has too many elements.");
        }
    }
}
