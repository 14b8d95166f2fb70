using System.Collections.Immutable;
using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// What an optimistic transaction (<see cref="OvsdbReplica.TransactAsync(Func{OvsdbReplicaView, OvsdbTransaction, CancellationToken, Task}, int, CancellationToken)"/>)
/// reads: one snapshot, with every read recorded. When the transaction commits, each recorded read becomes a
/// <c>wait</c> (timeout 0, until <c>==</c>) placed before the transaction's own operations, so the commit fails, and the
/// function runs again on a newer snapshot, if another client changed what was read:
/// <list type="bullet">
/// <item>a row read by uuid: its values in the verified columns (or, if it was absent, that it is still absent);</item>
/// <item>an index lookup: the exact set of rows with that key on the server (so "no bridge named br0" is verified too);</item>
/// <item>a whole-table read: the exact set of rows (matching the replica's conditions).</item>
/// </list>
/// Reads through <see cref="Snapshot"/> are not recorded.
/// </summary>
/// <remarks>Not thread-safe: use it from the transaction function only.</remarks>
public sealed class OvsdbReplicaView
{
    private static readonly string[] UuidOnly = [OvsdbRow.UuidColumn];
    private readonly Dictionary<(string Table, OvsdbUuid Uuid), HashSet<string>?> rows = [];
    private readonly List<WaitOperation> sets = [];
    private readonly IReadOnlyDictionary<string, IReadOnlyList<OvsdbCondition>?> conditions;

    internal OvsdbReplicaView(OvsdbReplicaSnapshot snapshot, IReadOnlyDictionary<string, IReadOnlyList<OvsdbCondition>?> conditions)
    {
        this.Snapshot = snapshot;
        this.conditions = conditions;
    }

    /// <summary>Gets the snapshot this attempt reads (reads through it directly are not verified).</summary>
    public OvsdbReplicaSnapshot Snapshot { get; }

    /// <summary>Gets the number of reads recorded so far (each becomes one <c>wait</c>).</summary>
    public int RecordedReads => this.rows.Count + this.sets.Count;

    /// <summary>Reads a row by uuid and records it.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="uuid">The uuid.</param>
    /// <param name="verify">The columns to verify; none: every replicated column that is not ephemeral.</param>
    /// <returns>The row, or null (then its absence is verified).</returns>
    public T? Get<T>(OvsdbUuid uuid, params OvsdbColumn<T>[] verify)
        where T : class, IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(verify);
        ReplicaRow? row = this.Snapshot.GetTable(T.TableName).Find(uuid);
        this.Record(T.TableName, uuid, verify.Length == 0 ? null : verify.Select(c => c.Name));
        return row?.GetModel<T>();
    }

    /// <summary>Reads a row by uuid and records it (untyped).</summary>
    /// <param name="table">The table.</param>
    /// <param name="uuid">The uuid.</param>
    /// <param name="verify">The columns to verify; none: every replicated column that is not ephemeral.</param>
    /// <returns>The row, or null (then its absence is verified).</returns>
    public OvsdbRow? GetRow(string table, OvsdbUuid uuid, params string[] verify)
    {
        ArgumentNullException.ThrowIfNull(verify);
        ReplicaRow? row = this.Snapshot.GetTable(table).Find(uuid);
        this.Record(table, uuid, verify.Length == 0 ? null : verify);
        return row?.Row;
    }

    /// <summary>Looks rows up by index and records the lookup (the set of rows with the key) and each row found.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="index">The index name.</param>
    /// <param name="key">The key.</param>
    /// <returns>The rows with that key.</returns>
    public IReadOnlyList<T> Lookup<T>(string index, params OvsdbValue[] key)
        where T : class, IOvsdbModel<T>
    {
        OvsdbReplicaTable table = this.Snapshot.GetTable(T.TableName);
        ImmutableArray<OvsdbUuid> uuids = this.RecordLookup(table, index, key);
        var result = new T[uuids.Length];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = table.RowMap[uuids[i]].GetModel<T>();
        }

        return result;
    }

    /// <summary>Looks up the one row with a key (unique indexes such as <c>name</c>), recording the lookup.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="index">The index name.</param>
    /// <param name="key">The key.</param>
    /// <returns>The first row with that key, or null (then that no row has it is verified).</returns>
    public T? Find<T>(string index, params OvsdbValue[] key)
        where T : class, IOvsdbModel<T>
    {
        IReadOnlyList<T> found = this.Lookup<T>(index, key);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Reads every row of a table and records the set of rows and each row.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <returns>The rows.</returns>
    public IReadOnlyList<T> All<T>()
        where T : class, IOvsdbModel<T>
    {
        OvsdbReplicaTable table = this.Snapshot.GetTable(T.TableName);
        IReadOnlyList<OvsdbCondition> where = this.conditions.TryGetValue(table.Name, out IReadOnlyList<OvsdbCondition>? w) && w is not null ? w : [];
        var result = new List<T>(table.Count);
        var expected = new List<OvsdbRow>(table.Count);
        foreach ((OvsdbUuid uuid, ReplicaRow row) in table.RowMap)
        {
            result.Add(row.GetModel<T>());
            expected.Add(UuidRow(uuid));
            this.Record(table.Name, uuid, null);
        }

        this.sets.Add(new WaitOperation(table.Name, where, expected, WaitUntil.Equal, TimeSpan.Zero, UuidOnly));
        return result;
    }

    /// <summary>Records a verify of columns of a row without reading it.</summary>
    /// <param name="table">The table.</param>
    /// <param name="uuid">The row.</param>
    /// <param name="columns">The columns; none: every replicated column that is not ephemeral.</param>
    public void Verify(string table, OvsdbUuid uuid, params string[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _ = this.Snapshot.GetTable(table);
        this.Record(table, uuid, columns.Length == 0 ? null : columns);
    }

    /// <summary>Builds the <c>wait</c> operations for every recorded read, as read from <see cref="Snapshot"/>.</summary>
    internal List<OvsdbOperation> BuildWaits()
    {
        var waits = new List<OvsdbOperation>(this.RecordedReads);
        foreach (((string tableName, OvsdbUuid uuid), HashSet<string>? columns) in this.rows)
        {
            OvsdbReplicaTable table = this.Snapshot.GetTable(tableName);
            OvsdbCondition[] where = [OvsdbCondition.UuidIs(uuid)];
            if (table.Find(uuid) is not ReplicaRow row)
            {
                waits.Add(new WaitOperation(tableName, where, [], WaitUntil.Equal, TimeSpan.Zero, UuidOnly));
                continue;
            }

            var values = new List<KeyValuePair<string, OvsdbValue>>();
            foreach ((string column, OvsdbValue value) in row.Row)
            {
                bool wanted = columns is null
                    ? table.Schema.Columns.TryGetValue(column, out ColumnSchema? schema) && !schema.Ephemeral
                    : columns.Contains(column);
                if (wanted)
                {
                    values.Add(new(column, value));
                }
            }

            if (values.Count == 0)
            {
                values.Add(new(OvsdbRow.UuidColumn, uuid));
            }

            var expected = new OvsdbRow(values);
            waits.Add(new WaitOperation(tableName, where, [expected], WaitUntil.Equal, TimeSpan.Zero, [.. expected.Keys]));
        }

        waits.AddRange(this.sets);
        return waits;
    }

    private static OvsdbRow UuidRow(OvsdbUuid uuid) => new([new(OvsdbRow.UuidColumn, uuid)]);

    private ImmutableArray<OvsdbUuid> RecordLookup(OvsdbReplicaTable table, string index, OvsdbValue[] key)
    {
        ImmutableArray<OvsdbUuid> uuids = table.LookupCore(index, key);
        OvsdbReplicaIndex definition = table.GetIndex(index).Definition;
        var expected = new OvsdbRow[uuids.Length];
        for (int i = 0; i < uuids.Length; i++)
        {
            expected[i] = UuidRow(uuids[i]);
            this.Record(table.Name, uuids[i], null);
        }

        // With replica conditions, rows the replica cannot see must not count: the same conditions narrow the wait.
        OvsdbCondition[] where = this.conditions.TryGetValue(table.Name, out IReadOnlyList<OvsdbCondition>? extra) && extra is not null
            ? [.. definition.ToConditions(key), .. extra]
            : definition.ToConditions(key);
        this.sets.Add(new WaitOperation(table.Name, where, expected, WaitUntil.Equal, TimeSpan.Zero, UuidOnly));
        return uuids;
    }

    private void Record(string table, OvsdbUuid uuid, IEnumerable<string>? columns)
    {
        if (this.rows.TryGetValue((table, uuid), out HashSet<string>? recorded))
        {
            if (recorded is not null)
            {
                if (columns is null)
                {
                    this.rows[(table, uuid)] = null;
                }
                else
                {
                    recorded.UnionWith(columns);
                }
            }

            return;
        }

        this.rows[(table, uuid)] = columns is null ? null : new HashSet<string>(columns, StringComparer.Ordinal);
    }
}
