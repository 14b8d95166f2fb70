using System.Collections.ObjectModel;
using System.Text.Json;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The <c>&lt;table-updates2&gt;</c> of an <c>update2</c> notification, an <c>update3</c> notification, or a <c>monitor_cond</c>/<c>monitor_cond_since</c> reply (ovsdb-server(7) §4.1.14):
/// table name to table update. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(TableUpdates2Converter))]
public sealed class TableUpdates2 : ReadOnlyDictionary<string, TableUpdate2>
{
    /// <summary>Creates table updates.</summary>
    /// <exception cref="ArgumentException">A table occurs twice or an update is null.</exception>
    public TableUpdates2(IEnumerable<KeyValuePair<string, TableUpdate2>> tables)
        : base(Copy(tables))
    {
    }

    private TableUpdates2(Dictionary<string, TableUpdate2> tables)
        : base(tables)
    {
    }

    /// <summary>No changes.</summary>
    public static new TableUpdates2 Empty { get; } = new(new Dictionary<string, TableUpdate2>(StringComparer.Ordinal));

    /// <summary>Parses table updates from JSON (for example a notification parameter kept as a raw element).</summary>
    /// <exception cref="JsonException">The JSON is not valid table updates.</exception>
    public static TableUpdates2 FromJson(JsonElement json) => RawJson.Read(json, MonitorJsonRead.ReadTableUpdates2);

    /// <summary>Reads <c>table-updates2</c> from UTF-8 JSON text (one value), without building a JSON document.</summary>
    /// <exception cref="JsonException">The text is not valid JSON or not a table-updates2 value.</exception>
    public static TableUpdates2 FromJson(ReadOnlySpan<byte> utf8Json) => RawJson.Read(utf8Json, MonitorJsonRead.ReadTableUpdates2);

    internal static TableUpdates2 Wrap(Dictionary<string, TableUpdate2> tables) => new(tables);

    private static Dictionary<string, TableUpdate2> Copy(IEnumerable<KeyValuePair<string, TableUpdate2>> tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        var copy = new Dictionary<string, TableUpdate2>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, TableUpdate2> table in tables)
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
