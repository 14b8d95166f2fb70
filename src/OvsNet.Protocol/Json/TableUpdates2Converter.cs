using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="TableUpdates2"/>.</summary>
internal sealed class TableUpdates2Converter : JsonConverter<TableUpdates2>
{
    /// <inheritdoc/>
    public override TableUpdates2 Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MonitorJsonRead.ReadTableUpdates2(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TableUpdates2 value, JsonSerializerOptions options) => MonitorJsonWrite.WriteTableUpdates(writer, value, (w, t) => MonitorJsonWrite.WriteTableUpdate(w, t, MonitorJsonWrite.WriteRowUpdate2));
}
