using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="DatabaseSchema"/> (RFC 7047 §3.2).</summary>
internal sealed class DatabaseSchemaConverter : JsonConverter<DatabaseSchema>
{
    /// <inheritdoc/>
    public override DatabaseSchema Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // Schemas are read once per connection; a DOM keeps the reader simple and its messages precise.
        using JsonDocument document = JsonDocument.ParseValue(ref reader);
        return SchemaJsonReader.ReadDatabase(document.RootElement);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DatabaseSchema value, JsonSerializerOptions options) =>
        SchemaJsonWriter.WriteDatabase(writer, value);
}
