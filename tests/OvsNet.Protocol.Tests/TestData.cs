using System.Text.Json;
using System.Text.Json.Nodes;

namespace OvsNet.Protocol.Tests;

/// <summary>Loads golden captures and vendored schemas, and compares JSON structurally.</summary>
internal static class TestData
{
    public static string CapturePath(string name) => Path.Combine(AppContext.BaseDirectory, "Captures", name);

    public static string ReadCapture(string name) => File.ReadAllText(CapturePath(name));

    public static JsonElement Capture(string name) => JsonDocument.Parse(ReadCapture(name)).RootElement;

    public static string SchemaText(string fileName) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", fileName));

    public static DatabaseSchema Vswitch { get; } = DatabaseSchema.Parse(SchemaText("vswitch.ovsschema"));

    public static DatabaseSchema ProtocolTest { get; } = DatabaseSchema.Parse(ReadCapture("protocol_test.ovsschema"));

    /// <summary>Asserts two JSON texts are the same JSON value (object member order ignored, number text compared as numbers).</summary>
    public static void AssertJsonEqual(string expected, string actual)
    {
        JsonNode? e = JsonNode.Parse(expected);
        JsonNode? a = JsonNode.Parse(actual);
        Assert.True(JsonNode.DeepEquals(e, a), $"JSON differs.\nexpected: {e?.ToJsonString()}\nactual:   {a?.ToJsonString()}");
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value);

    public static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json)!;

    /// <summary>Deserializes, re-serializes and checks the JSON survived unchanged.</summary>
    public static T RoundTrip<T>(string json)
    {
        T value = Deserialize<T>(json);
        AssertJsonEqual(json, Serialize(value));
        return value;
    }
}
