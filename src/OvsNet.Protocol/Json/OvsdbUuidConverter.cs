using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbUuid"/> (RFC 7047 §5.1).</summary>
internal sealed class OvsdbUuidConverter : JsonConverter<OvsdbUuid>
{
    /// <inheritdoc/>
    public override OvsdbUuid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => OvsdbJsonRead.ReadUuid(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbUuid value, JsonSerializerOptions options) => OvsdbJsonWrite.WriteUuid(writer, value);
}
