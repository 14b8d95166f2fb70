using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// One table of a replica snapshot, untyped: rows as <see cref="OvsdbRow"/> (the monitored columns, defaults filled in,
/// without <c>_uuid</c>) and its indexes. Use <see cref="OvsdbReplicaSnapshot.Table{T}"/> for generated models.
/// </summary>
/// <remarks>Immutable and thread-safe: a table version never changes; the replica publishes a new one per update.</remarks>
public sealed class OvsdbReplicaTable
{
    internal OvsdbReplicaTable(TableSchema schema, IReadOnlyCollection<string>? monitoredColumns, ImmutableDictionary<OvsdbUuid, ReplicaRow> rows, IndexState[] indexes)
    {
        this.Schema = schema;
        this.MonitoredColumns = monitoredColumns;
        this.RowMap = rows;
        this.Indexes = indexes;
    }

    /// <summary>Gets the table name.</summary>
    public string Name => this.Schema.Name;

    /// <summary>Gets the table's schema as the server reported it.</summary>
    public TableSchema Schema { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Count => this.RowMap.Count;

    /// <summary>Gets the names of the indexes usable with <see cref="Lookup"/> (schema indexes and client-defined ones).</summary>
    public IEnumerable<string> IndexNames => this.Indexes.Select(i => i.Definition.Name);

    /// <summary>Gets every row, in no particular order.</summary>
    public IEnumerable<KeyValuePair<OvsdbUuid, OvsdbRow>> Rows => this.RowMap.Select(r => new KeyValuePair<OvsdbUuid, OvsdbRow>(r.Key, r.Value.Row));

    /// <summary>Gets the monitored columns, or null when all columns are monitored.</summary>
    internal IReadOnlyCollection<string>? MonitoredColumns { get; }

    internal ImmutableDictionary<OvsdbUuid, ReplicaRow> RowMap { get; }

    internal IndexState[] Indexes { get; }

    /// <summary>Gets a row by uuid.</summary>
    /// <param name="uuid">The row's uuid.</param>
    /// <param name="row">The row.</param>
    /// <returns>Whether the replica holds the row.</returns>
    public bool TryGetRow(OvsdbUuid uuid, [NotNullWhen(true)] out OvsdbRow? row)
    {
        if (this.RowMap.TryGetValue(uuid, out ReplicaRow? entry))
        {
            row = entry.Row;
            return true;
        }

        row = null;
        return false;
    }

    /// <summary>Gets a row by uuid, or null.</summary>
    /// <param name="uuid">The row's uuid.</param>
    /// <returns>The row, or null.</returns>
    public OvsdbRow? GetRow(OvsdbUuid uuid) => this.RowMap.TryGetValue(uuid, out ReplicaRow? entry) ? entry.Row : null;

    /// <summary>Looks rows up by index without scanning.</summary>
    /// <param name="index">The index name (<see cref="IndexNames"/>).</param>
    /// <param name="key">The key: one value per index column (a map-key index: the map value).</param>
    /// <returns>The uuids of the rows with that key (empty if none).</returns>
    /// <exception cref="ArgumentException">No index has that name, or the key has the wrong number of values.</exception>
    public IReadOnlyList<OvsdbUuid> Lookup(string index, params OvsdbValue[] key) => this.LookupCore(index, key);

    /// <summary>Looks rows up by index and returns them.</summary>
    /// <param name="index">The index name.</param>
    /// <param name="key">The key.</param>
    /// <returns>The rows with that key.</returns>
    /// <exception cref="ArgumentException">No index has that name, or the key has the wrong number of values.</exception>
    public IReadOnlyList<KeyValuePair<OvsdbUuid, OvsdbRow>> LookupRows(string index, params OvsdbValue[] key)
    {
        ImmutableArray<OvsdbUuid> uuids = this.LookupCore(index, key);
        var rows = new KeyValuePair<OvsdbUuid, OvsdbRow>[uuids.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = new(uuids[i], this.RowMap[uuids[i]].Row);
        }

        return rows;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{this.Name} ({this.Count} rows)";

    internal ReplicaRow? Find(OvsdbUuid uuid) => this.RowMap.TryGetValue(uuid, out ReplicaRow? row) ? row : null;

    internal IndexState GetIndex(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (IndexState index in this.Indexes)
        {
            if (index.Definition.Name == name)
            {
                return index;
            }
        }

        throw new ArgumentException($"Table {this.Name} has no replica index '{name}' (known: {string.Join(", ", this.IndexNames)}).", nameof(name));
    }

    internal ImmutableArray<OvsdbUuid> LookupCore(string index, OvsdbValue[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        IndexState state = this.GetIndex(index);
        int expected = state.Definition.MapKey is null ? state.Definition.Columns.Count : 1;
        if (key.Length != expected)
        {
            throw new ArgumentException($"Index {state.Definition} takes {expected} key value(s), not {key.Length}.", nameof(key));
        }

        return state.Lookup(key.Length == 1 ? new IndexKey(key[0]) : new IndexKey(key));
    }
}
