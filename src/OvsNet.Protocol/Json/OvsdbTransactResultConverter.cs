using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbTransactResult"/> (see its remarks about the operation count).</summary>
internal sealed class OvsdbTransactResultConverter : JsonConverter<OvsdbTransactResult>
{
    /// <inheritdoc/>
    public override OvsdbTransactResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        OvsdbTransactResult.Read(ref reader, operationCount: null);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbTransactResult value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        foreach (OvsdbOperationResult? result in value.Results)
        {
            if (result is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                OvsdbOperationResultConverter.WriteResult(writer, result);
            }
        }

        if (value.CommitError is not null)
        {
            OvsdbOperationResultConverter.WriteResult(writer, value.CommitError);
        }

        writer.WriteEndArray();
    }
}
