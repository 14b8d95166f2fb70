using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbSet"/> (RFC 7047 §5.1).</summary>
internal sealed class OvsdbSetConverter : JsonConverter<OvsdbSet>
{
    /// <inheritdoc/>
    public override OvsdbSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => OvsdbJsonRead.ReadSet(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbSet value, JsonSerializerOptions options) => OvsdbJsonWrite.WriteSet(writer, value);
}
