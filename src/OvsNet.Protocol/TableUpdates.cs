using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The <c>&lt;table-updates&gt;</c> of an <c>update</c> notification (RFC 7047 §4.1.6) or a <c>monitor</c> reply:
/// table name to table update. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(TableUpdatesConverter))]
public sealed class TableUpdates : ReadOnlyDictionary<string, TableUpdate>
{
    /// <summary>Creates table updates.</summary>
    /// <exception cref="ArgumentException">A table occurs twice or an update is null.</exception>
    public TableUpdates(IEnumerable<KeyValuePair<string, TableUpdate>> tables)
        : base(Copy(tables))
    {
    }

    private TableUpdates(Dictionary<string, TableUpdate> tables)
        : base(tables)
    {
    }

    /// <summary>No changes.</summary>
    public static new TableUpdates Empty { get; } = new(new Dictionary<string, TableUpdate>(StringComparer.Ordinal));

    /// <summary>Parses table updates from JSON (for example a notification parameter kept as a raw element).</summary>
    /// <exception cref="JsonException">The JSON is not valid table updates.</exception>
    public static TableUpdates FromJson(JsonElement json) => RawJson.Read(json, MonitorJsonRead.ReadTableUpdates);

    /// <summary>Reads <c>table-updates</c> from UTF-8 JSON text (one value), without building a JSON document.</summary>
    /// <exception cref="JsonException">The text is not valid JSON or not a table-updates value.</exception>
    public static TableUpdates FromJson(ReadOnlySpan<byte> utf8Json) => RawJson.Read(utf8Json, MonitorJsonRead.ReadTableUpdates);

    internal static TableUpdates Wrap(Dictionary<string, TableUpdate> tables) => new(tables);

    private static Dictionary<string, TableUpdate> Copy(IEnumerable<KeyValuePair<string, TableUpdate>> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var copy = new Dictionary<string, TableUpdate>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, TableUpdate> table in tables)
        {
            ArgumentNullException.ThrowIfNull(table.Value, nameof(tables));
            if (!copy.TryAdd(table.Key, table.Value))
            {
                throw new ArgumentException($"The table {table.Key} occurs twice.", nameof(tables));
            }
        }

        return copy;
    }
}
