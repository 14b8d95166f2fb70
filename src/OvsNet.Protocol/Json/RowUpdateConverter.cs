using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="RowUpdate"/>.</summary>
internal sealed class RowUpdateConverter : JsonConverter<RowUpdate>
{
    /// <inheritdoc/>
    public override RowUpdate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MonitorJsonRead.ReadRowUpdate(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, RowUpdate value, JsonSerializerOptions options) => MonitorJsonWrite.WriteRowUpdate(writer, value);
}
