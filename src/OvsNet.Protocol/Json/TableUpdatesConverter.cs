using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="TableUpdates"/>.</summary>
internal sealed class TableUpdatesConverter : JsonConverter<TableUpdates>
{
    /// <inheritdoc/>
    public override TableUpdates Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MonitorJsonRead.ReadTableUpdates(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, TableUpdates value, JsonSerializerOptions options) => MonitorJsonWrite.WriteTableUpdates(writer, value, (w, t) => MonitorJsonWrite.WriteTableUpdate(w, t, MonitorJsonWrite.WriteRowUpdate));
}
