using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="MonitorRequest"/>: <c>{"columns":[..],"select":{..},"where":[..]}</c>, absent members left out.</summary>
internal sealed class MonitorRequestConverter : JsonConverter<MonitorRequest>
{
    /// <inheritdoc/>
    public override MonitorRequest Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "a monitor-request object");
        List<string>? columns = null;
        MonitorSelect? select = null;
        List<OvsdbCondition>? where = null;
        var selectConverter = new MonitorSelectConverter();
        var conditionConverter = new OvsdbConditionConverter();
        while (OvsdbJsonRead.Next(ref reader, "a monitor-request") != JsonTokenType.EndObject)
        {
            string name = reader.GetString()!;
            OvsdbJsonRead.Next(ref reader, "a monitor-request");
            switch (name)
            {
                case "columns":
                    columns = OvsdbJsonRead.ReadStrings(ref reader, "monitor-request columns");
                    break;
                case "select":
                    select = selectConverter.Read(ref reader, typeof(MonitorSelect), options);
                    break;
                case "where":
                    OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartArray, "monitor-request where");
                    where = [];
                    while (OvsdbJsonRead.Next(ref reader, "monitor-request where") != JsonTokenType.EndArray)
                    {
                        where.Add(conditionConverter.Read(ref reader, typeof(OvsdbCondition), options));
                    }

                    break;
                default:
                    throw new JsonException($"Unknown monitor-request member '{name}'.");
            }
        }

        return new MonitorRequest { Columns = columns, Select = select, Where = where };
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, MonitorRequest value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.Columns is not null)
        {
            writer.WritePropertyName("columns"u8);
            OvsdbJsonWrite.WriteStrings(writer, value.Columns);
        }

        if (value.Select is not null)
        {
            writer.WritePropertyName("select"u8);
            new MonitorSelectConverter().Write(writer, value.Select, options);
        }

        if (value.Where is not null)
        {
            writer.WritePropertyName("where"u8);
            writer.WriteStartArray();
            foreach (OvsdbCondition condition in value.Where)
            {
                OvsdbJsonOperationWriter.WriteCondition(writer, condition);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }
}
