using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbValue"/> (RFC 7047 §5.1).</summary>
internal sealed class OvsdbValueConverter : JsonConverter<OvsdbValue>
{
    /// <inheritdoc/>
    public override OvsdbValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => OvsdbJsonRead.ReadValue(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbValue value, JsonSerializerOptions options) => OvsdbJsonWrite.WriteValue(writer, value);
}
