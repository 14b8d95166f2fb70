using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbOperationResult"/>; unknown members are ignored (forward compatible).</summary>
internal sealed class OvsdbOperationResultConverter : JsonConverter<OvsdbOperationResult>
{
    /// <inheritdoc/>
    public override OvsdbOperationResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ReadResult(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbOperationResult value, JsonSerializerOptions options) =>
        WriteResult(writer, value);

    internal static OvsdbOperationResult ReadResult(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "an operation result object");
        long? count = null;
        OvsdbUuid? uuid = null;
        List<OvsdbRow>? rows = null;
        string? error = null, details = null, syntax = null;
        while (OvsdbJsonRead.Next(ref reader, "an operation result") != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("count"u8))
            {
                OvsdbJsonRead.Next(ref reader, "count");
                count = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long c)
                    ? c
                    : throw new JsonException("An operation result's 'count' must be an integer.");
            }
            else if (reader.ValueTextEquals("uuid"u8))
            {
                OvsdbJsonRead.Next(ref reader, "uuid");
                uuid = OvsdbJsonRead.ReadUuid(ref reader);
            }
            else if (reader.ValueTextEquals("rows"u8))
            {
                OvsdbJsonRead.Next(ref reader, "rows");
                rows = OvsdbJsonRead.ReadRows(ref reader);
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                OvsdbJsonRead.Next(ref reader, "error");
                error = OvsdbJsonRead.ReadString(ref reader, "an operation result's 'error'");
            }
            else if (reader.ValueTextEquals("details"u8))
            {
                OvsdbJsonRead.Next(ref reader, "details");
                details = reader.TokenType == JsonTokenType.String ? reader.GetString() : RawText(ref reader);
            }
            else if (reader.ValueTextEquals("syntax"u8))
            {
                OvsdbJsonRead.Next(ref reader, "syntax");
                syntax = reader.TokenType == JsonTokenType.String ? reader.GetString() : RawText(ref reader);
            }
            else
            {
                OvsdbJsonRead.Next(ref reader, "an operation result");
                reader.Skip();
            }
        }

        if (count is null && uuid is null && rows is null && error is null && details is null && syntax is null)
        {
            return OvsdbOperationResult.Empty;
        }

        return new OvsdbOperationResult { Count = count, Uuid = uuid, Rows = rows, Error = error, Details = details, Syntax = syntax };
    }

    internal static void WriteResult(Utf8JsonWriter writer, OvsdbOperationResult value)
    {
        writer.WriteStartObject();
        if (value.Count is long count)
        {
            writer.WriteNumber("count"u8, count);
        }

        if (value.Uuid is OvsdbUuid uuid)
        {
            writer.WritePropertyName("uuid"u8);
            OvsdbJsonWrite.WriteUuid(writer, uuid);
        }

        if (value.Rows is not null)
        {
            writer.WritePropertyName("rows"u8);
            OvsdbJsonWrite.WriteRows(writer, value.Rows);
        }

        if (value.Error is not null)
        {
            writer.WriteString("error"u8, value.Error);
        }

        if (value.Details is not null)
        {
            writer.WriteString("details"u8, value.Details);
        }

        if (value.Syntax is not null)
        {
            writer.WriteString("syntax"u8, value.Syntax);
        }

        writer.WriteEndObject();
    }

    private static string RawText(ref Utf8JsonReader reader)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.GetRawText();
    }
}
