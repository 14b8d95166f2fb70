using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbAtom"/> (RFC 7047 §5.1).</summary>
internal sealed class OvsdbAtomConverter : JsonConverter<OvsdbAtom>
{
    /// <inheritdoc/>
    public override OvsdbAtom Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => OvsdbJsonRead.ReadAtom(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbAtom value, JsonSerializerOptions options) => OvsdbJsonWrite.WriteAtom(writer, value);
}
