using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// A typed view of one table of a replica snapshot. Each row's model is materialized on first access and cached with
/// the row version, so repeated reads allocate nothing.
/// </summary>
/// <typeparam name="T">The generated model of the table.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct OvsdbReplicaTable<T>
    where T : class, IOvsdbModel<T>
{
    internal OvsdbReplicaTable(OvsdbReplicaTable table) => this.Untyped = table;

    /// <summary>Gets the untyped table.</summary>
    public OvsdbReplicaTable Untyped { get; }

    /// <summary>Gets the number of rows.</summary>
    public int Count => this.Untyped.Count;

    /// <summary>Gets every row, in no particular order.</summary>
    public IEnumerable<T> All
    {
        get
        {
            OvsdbReplicaTable table = this.Untyped;
            return table.RowMap.Values.Select(static r => r.GetModel<T>());
        }
    }

    /// <summary>Gets a row by uuid.</summary>
    /// <param name="uuid">The uuid.</param>
    /// <param name="row">The row.</param>
    /// <returns>Whether the replica holds the row.</returns>
    public bool TryGet(OvsdbUuid uuid, [NotNullWhen(true)] out T? row)
    {
        row = this.Untyped.Find(uuid)?.GetModel<T>();
        return row is not null;
    }

    /// <summary>Gets a row by uuid, or null.</summary>
    /// <param name="uuid">The uuid.</param>
    /// <returns>The row, or null.</returns>
    public T? Get(OvsdbUuid uuid) => this.Untyped.Find(uuid)?.GetModel<T>();

    /// <summary>Gets the row a reference points to, or null.</summary>
    /// <param name="reference">The reference (a uuid; a named-uuid is never in the replica).</param>
    /// <returns>The row, or null.</returns>
    public T? Get(OvsdbRef<T> reference) => reference.IsNamed ? null : this.Get(reference.Uuid);

    /// <summary>Looks rows up by index without scanning.</summary>
    /// <param name="index">The index name (for example <c>name</c> or <c>external_ids:iface-id</c>).</param>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <returns>The rows with that key.</returns>
    /// <exception cref="ArgumentException">No index has that name, or the key has the wrong number of values.</exception>
    public IReadOnlyList<T> Lookup(string index, params OvsdbValue[] key)
    {
        OvsdbReplicaTable table = this.Untyped;
        ImmutableArray<OvsdbUuid> uuids = table.LookupCore(index, key);
        var rows = new T[uuids.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            rows[i] = table.RowMap[uuids[i]].GetModel<T>();
        }

        return rows;
    }

    /// <summary>Looks up the one row with a key (for unique indexes such as <c>name</c>), or null.</summary>
    /// <param name="index">The index name.</param>
    /// <param name="key">The key.</param>
    /// <returns>The first row with that key, or null.</returns>
    /// <exception cref="ArgumentException">No index has that name, or the key has the wrong number of values.</exception>
    public T? Find(string index, params OvsdbValue[] key)
    {
        ImmutableArray<OvsdbUuid> uuids = this.Untyped.LookupCore(index, key);
        return uuids.IsEmpty ? null : this.Untyped.RowMap[uuids[0]].GetModel<T>();
    }
}
