namespace OvsNet.Generators.Json;

/// <summary>A member of a JSON object: its name (and where the name is written) and its value.</summary>
internal sealed class JsonMember
{
    public JsonMember(string name, int nameStart, int nameLength, JsonNode value)
    {
        this.Name = name;
        this.NameStart = nameStart;
        this.NameLength = nameLength;
        this.Value = value;
    }

    public string Name { get; }

    public int NameStart { get; }

    public int NameLength { get; }

    public JsonNode Value { get; }
}
