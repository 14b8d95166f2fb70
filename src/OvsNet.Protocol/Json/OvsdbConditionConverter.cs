using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbCondition"/>: <c>[column, function, value]</c> or <c>true</c>/<c>false</c>.</summary>
internal sealed class OvsdbConditionConverter : JsonConverter<OvsdbCondition>
{
    /// <inheritdoc/>
    public override OvsdbCondition Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return OvsdbCondition.True;
            case JsonTokenType.False:
                return OvsdbCondition.False;
        }

        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartArray, "a condition [column, function, value] or true/false");
        OvsdbJsonRead.Next(ref reader, "a condition");
        string column = OvsdbJsonRead.ReadString(ref reader, "a condition's column");
        OvsdbJsonRead.Next(ref reader, "a condition");
        string name = OvsdbJsonRead.ReadString(ref reader, "a condition's function");
        if (!OvsdbCondition.TryParseFunction(name, out ConditionFunction function))
        {
            throw new JsonException($"Unknown condition function \"{name}\" (RFC 7047 §5.1: <, <=, ==, !=, >=, >, includes, excludes).");
        }

        OvsdbJsonRead.Next(ref reader, "a condition");
        OvsdbValue value = OvsdbJsonRead.ReadValue(ref reader);
        if (OvsdbJsonRead.Next(ref reader, "a condition") != JsonTokenType.EndArray)
        {
            throw new JsonException("A condition has more than three elements.");
        }

        return column.Length == 0 ? throw new JsonException("A condition's column is empty.") : new OvsdbCondition(column, function, value);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbCondition value, JsonSerializerOptions options) =>
        OvsdbJsonOperationWriter.WriteCondition(writer, value);
}
