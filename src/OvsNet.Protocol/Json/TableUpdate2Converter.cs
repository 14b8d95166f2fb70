using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="TableUpdate2"/>.</summary>
internal sealed class TableUpdate2Converter : JsonConverter<TableUpdate2>
{
    /// <inheritdoc/>
    public override TableUpdate2 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MonitorJsonRead.ReadTableUpdate2(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TableUpdate2 value, JsonSerializerOptions options) => MonitorJsonWrite.WriteTableUpdate(writer, value, MonitorJsonWrite.WriteRowUpdate2);
}
