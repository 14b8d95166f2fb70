using System.Collections.ObjectModel;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The changes to one table in an <c>update2</c> notification (ovsdb-server(7) §4.1.14 <c>&lt;table-update2&gt;</c>): row uuid to
/// row update. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(TableUpdate2Converter))]
public sealed class TableUpdate2 : ReadOnlyDictionary<OvsdbUuid, RowUpdate2>
{
    /// <summary>Creates a table update from row updates.</summary>
    /// <exception cref="ArgumentException">A uuid occurs twice or an update is null.</exception>
    public TableUpdate2(IEnumerable<KeyValuePair<OvsdbUuid, RowUpdate2>> rows)
        : base(Copy(rows))
    {
    }

    private TableUpdate2(Dictionary<OvsdbUuid, RowUpdate2> rows)
        : base(rows)
    {
    }

    /// <summary>No changes.</summary>
    public static new TableUpdate2 Empty { get; } = new(new Dictionary<OvsdbUuid, RowUpdate2>());

    internal static TableUpdate2 Wrap(Dictionary<OvsdbUuid, RowUpdate2> rows) => new(rows);

    private static Dictionary<OvsdbUuid, RowUpdate2> Copy(IEnumerable<KeyValuePair<OvsdbUuid, RowUpdate2>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var copy = new Dictionary<OvsdbUuid, RowUpdate2>();
        foreach (KeyValuePair<OvsdbUuid, RowUpdate2> row in rows)
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
