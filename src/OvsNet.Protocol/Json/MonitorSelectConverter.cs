using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="MonitorSelect"/>: <c>{"initial":b,"insert":b,"delete":b,"modify":b}</c>, missing members are true.</summary>
internal sealed class MonitorSelectConverter : JsonConverter<MonitorSelect>
{
    /// <inheritdoc/>
    public override MonitorSelect Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "a monitor-select object");
        bool initial = true, insert = true, delete = true, modify = true;
        while (OvsdbJsonRead.Next(ref reader, "a monitor-select") != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            OvsdbJsonRead.Next(ref reader, "a monitor-select");
            bool value = reader.TokenType switch
            {
                JsonTokenType.True => true,
                JsonTokenType.False => false,
                _ => throw new JsonException($"monitor-select '{name}' must be a boolean."),
            };
            switch (name)
            {
                case "initial": initial = value; break;
                case "insert": insert = value; break;
                case "delete": delete = value; break;
                case "modify": modify = value; break;
                default: throw new JsonException($"Unknown monitor-select member '{name}'.");
            }
        }

        return new MonitorSelect { Initial = initial, Insert = insert, Delete = delete, Modify = modify };
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, MonitorSelect value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("initial"u8, value.Initial);
        writer.WriteBoolean("insert"u8, value.Insert);
        writer.WriteBoolean("delete"u8, value.Delete);
        writer.WriteBoolean("modify"u8, value.Modify);
        writer.WriteEndObject();
    }
}
