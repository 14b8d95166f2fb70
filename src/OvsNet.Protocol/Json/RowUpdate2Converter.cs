using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="RowUpdate2"/>.</summary>
internal sealed class RowUpdate2Converter : JsonConverter<RowUpdate2>
{
    /// <inheritdoc/>
    public override RowUpdate2 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MonitorJsonRead.ReadRowUpdate2(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RowUpdate2 value, JsonSerializerOptions options) => MonitorJsonWrite.WriteRowUpdate2(writer, value);
}
