using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbMap"/> (RFC 7047 §5.1).</summary>
internal sealed class OvsdbMapConverter : JsonConverter<OvsdbMap>
{
    /// <inheritdoc/>
    public override OvsdbMap Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => OvsdbJsonRead.ReadMap(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbMap value, JsonSerializerOptions options) => OvsdbJsonWrite.WriteMap(writer, value);
}
