using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="TableUpdate"/>.</summary>
internal sealed class TableUpdateConverter : JsonConverter<TableUpdate>
{
    /// <inheritdoc/>
    public override TableUpdate Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MonitorJsonRead.ReadTableUpdate(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TableUpdate value, JsonSerializerOptions options) => MonitorJsonWrite.WriteTableUpdate(writer, value, MonitorJsonWrite.WriteRowUpdate);
}
