using System.Text.Json;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The reply to <c>monitor_cond_since</c> (ovsdb-server(7) §4.1.15): <c>[found, last-txn-id, table-updates2]</c>. When
/// <see cref="Found"/> is false the updates are a full dump and the client must drop its cached rows first; a
/// standalone server always answers false with <see cref="OvsdbUuid.Zero"/>. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(MonitorCondSinceResultConverter))]
public sealed class MonitorCondSinceResult
{
    /// <summary>Creates a result.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="updates"/> is null.</exception>
    public MonitorCondSinceResult(bool found, OvsdbUuid lastTransactionId, TableUpdates2 updates)
    {
        ArgumentNullException.ThrowIfNull(updates);
        this.Found = found;
        this.LastTransactionId = lastTransactionId;
        this.Updates = updates;
    }

    /// <summary>True when the server resumed from the given transaction id and <see cref="Updates"/> is only the delta.</summary>
    public bool Found { get; }

    /// <summary>The id of the last transaction the updates include (zero when the server keeps no history).</summary>
    public OvsdbUuid LastTransactionId { get; }

    /// <summary>The updates (a delta when found, else the full initial contents).</summary>
    public TableUpdates2 Updates { get; }

    /// <summary>Parses the reply's result.</summary>
    /// <exception cref="JsonException">The JSON is not <c>[bool, "uuid", {...}]</c>.</exception>
    public static MonitorCondSinceResult FromJson(JsonElement json) => RawJson.Read(json, MonitorJsonRead.ReadMonitorCondSinceResult);

    /// <summary>Reads a <c>monitor_cond_since</c> result from UTF-8 JSON text (one value), without building a JSON document.</summary>
    /// <exception cref="JsonException">The text is not valid JSON or not a monitor_cond_since result.</exception>
    public static MonitorCondSinceResult FromJson(ReadOnlySpan<byte> utf8Json) => RawJson.Read(utf8Json, MonitorJsonRead.ReadMonitorCondSinceResult);

    internal void Write(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteBooleanValue(this.Found);
        writer.WriteStringValue(this.LastTransactionId.Value);
        JsonSerializer.Serialize(writer, this.Updates, Json.ProtocolJsonContext.Default.TableUpdates2);
        writer.WriteEndArray();
    }
}
