using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>
/// JSON converter for <see cref="OvsdbOperation"/> and each subclass (STJ needs a converter typed to the declared
/// type, hence the generic). Writing goes straight to the writer; reading (tests, tools, captured traffic) uses a DOM.
/// </summary>
/// <typeparam name="T">The operation type.</typeparam>
internal sealed class OvsdbOperationConverter<T> : JsonConverter<T>
    where T : OvsdbOperation
{
    /// <inheritdoc/>
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        OvsdbOperation operation = OperationJsonReader.Read(document.RootElement);
        return operation as T
            ?? throw new JsonException($"Expected a {typeof(T).Name}, but the JSON is a \"{operation.Op}\" operation.");
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStartObject();
        writer.WriteString("op"u8, value.Op);
        value.WriteMembers(writer);
        writer.WriteEndObject();
    }
}
