namespace OvsNet.Generators.Json;

/// <summary>
/// One parsed JSON value with its position in the source text, so that a schema error can be reported at the exact
/// line and column of the offending value.
/// </summary>
internal sealed class JsonNode
{
    public JsonNode(JsonKind kind, int start, int length, string? text = null, IReadOnlyList<JsonNode>? items = null, IReadOnlyList<JsonMember>? members = null)
    {
        this.Kind = kind;
        this.Start = start;
        this.Length = length;
        this.Text = text;
        this.Items = items ?? [];
        this.Members = members ?? [];
    }

    public JsonKind Kind { get; }

    /// <summary>Gets the offset of the value's first character.</summary>
    public int Start { get; }

    /// <summary>Gets the length of the value's text.</summary>
    public int Length { get; }

    /// <summary>Gets the unescaped string, or the number's literal text.</summary>
    public string? Text { get; }

    public IReadOnlyList<JsonNode> Items { get; }

    public IReadOnlyList<JsonMember> Members { get; }

    public JsonNode? this[string name]
    {
        get
        {
            foreach (JsonMember member in this.Members)
            {
                if (member.Name == name)
                {
                    return member.Value;
                }
            }

            return null;
        }
    }

    public string Describe() => this.Kind switch
    {
        JsonKind.Object => "an object",
        JsonKind.Array => "an array",
        JsonKind.String => $"the string \"{this.Text}\"",
        JsonKind.Number => $"the number {this.Text}",
        JsonKind.True => "true",
        JsonKind.False => "false",
        _ => "null",
    };
}
