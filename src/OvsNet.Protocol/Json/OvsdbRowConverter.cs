using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbRow"/> (RFC 7047 §5.1).</summary>
internal sealed class OvsdbRowConverter : JsonConverter<OvsdbRow>
{
    /// <inheritdoc/>
    public override OvsdbRow Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => OvsdbJsonRead.ReadRow(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbRow value, JsonSerializerOptions options) => OvsdbJsonWrite.WriteRow(writer, value);
}
