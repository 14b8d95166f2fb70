using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbNamedUuid"/> (RFC 7047 §5.1).</summary>
internal sealed class OvsdbNamedUuidConverter : JsonConverter<OvsdbNamedUuid>
{
    /// <inheritdoc/>
    public override OvsdbNamedUuid Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => OvsdbJsonRead.ReadNamedUuid(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbNamedUuid value, JsonSerializerOptions options) => OvsdbJsonWrite.WriteAtom(writer, OvsdbAtom.NamedUuid(value));
}
