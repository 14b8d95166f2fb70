using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The changes to one table in an <c>update</c> notification (RFC 7047 §4.1.6 <c>&lt;table-update&gt;</c>): row uuid to
/// row update. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(TableUpdateConverter))]
public sealed class TableUpdate : ReadOnlyDictionary<OvsdbUuid, RowUpdate>
{
    /// <summary>Creates a table update from row updates.</summary>
    /// <exception cref="ArgumentException">A uuid occurs twice or an update is null.</exception>
    public TableUpdate(IEnumerable<KeyValuePair<OvsdbUuid, RowUpdate>> rows)
        : base(Copy(rows))
    {
    }

    private TableUpdate(Dictionary<OvsdbUuid, RowUpdate> rows)
        : base(rows)
    {
    }

    /// <summary>No changes.</summary>
    public static new TableUpdate Empty { get; } = new(new Dictionary<OvsdbUuid, RowUpdate>());

    internal static TableUpdate Wrap(Dictionary<OvsdbUuid, RowUpdate> rows) => new(rows);

    private static Dictionary<OvsdbUuid, RowUpdate> Copy(IEnumerable<KeyValuePair<OvsdbUuid, RowUpdate>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var copy = new Dictionary<OvsdbUuid, RowUpdate>();
        foreach (KeyValuePair<OvsdbUuid, RowUpdate> row in rows)
        {
            ArgumentNullException.ThrowIfNull(row.Value, nameof(rows));
            if (!copy.TryAdd(row.Key, row.Value))
            {
                throw new ArgumentException($"The row {row.Key} occurs twice.", nameof(rows));
            }
        }

        return copy;
    }
}
