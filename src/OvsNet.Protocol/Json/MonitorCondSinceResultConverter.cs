using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="MonitorCondSinceResult"/>.</summary>
internal sealed class MonitorCondSinceResultConverter : JsonConverter<MonitorCondSinceResult>
{
    /// <inheritdoc/>
    public override MonitorCondSinceResult Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => MonitorJsonRead.ReadMonitorCondSinceResult(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, MonitorCondSinceResult value, JsonSerializerOptions options) => value.Write(writer);
}
