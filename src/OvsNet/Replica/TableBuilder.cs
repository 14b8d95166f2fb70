using System.Collections.Immutable;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// Builds the next version of one replica table from the previous one: rows and every index are persistent
/// (immutable) dictionaries, so a new version shares all untouched structure and costs O(changes · log n).
/// </summary>
/// <remarks>Not thread-safe: used by the replica's single writer.</remarks>
internal sealed class TableBuilder
{
    private readonly OvsdbReplicaTable source;
    private readonly ImmutableDictionary<OvsdbUuid, ReplicaRow>.Builder rows;
    private readonly ImmutableDictionary<IndexKey, ImmutableArray<OvsdbUuid>>.Builder[] indexes;

    public TableBuilder(OvsdbReplicaTable source)
    {
        this.source = source;
        this.rows = source.RowMap.ToBuilder();
        this.indexes = new ImmutableDictionary<IndexKey, ImmutableArray<OvsdbUuid>>.Builder[source.Indexes.Length];
        for (int i = 0; i < this.indexes.Length; i++)
        {
            this.indexes[i] = source.Indexes[i].Entries.ToBuilder();
        }
    }

    public OvsdbReplicaTable Source => this.source;

    public ReplicaRow? Get(OvsdbUuid uuid) => this.rows.TryGetValue(uuid, out ReplicaRow? row) ? row : null;

    /// <summary>Replaces <paramref name="old"/> (null: none) by <paramref name="new"/> (null: deleted), keeping the indexes in step.</summary>
    public void Set(OvsdbUuid uuid, ReplicaRow? old, ReplicaRow? @new)
    {
        if (@new is null)
        {
            this.rows.Remove(uuid);
        }
        else
        {
            this.rows[uuid] = @new;
        }

        for (int i = 0; i < this.indexes.Length; i++)
        {
            OvsdbReplicaIndex definition = this.source.Indexes[i].Definition;
            IndexKey oldKey = default;
            IndexKey newKey = default;
            bool hadKey = old is not null && definition.TryGetKey(old.Row, out oldKey);
            bool hasKey = @new is not null && definition.TryGetKey(@new.Row, out newKey);
            if (hadKey && hasKey && oldKey.Equals(newKey))
            {
                continue;
            }

            ImmutableDictionary<IndexKey, ImmutableArray<OvsdbUuid>>.Builder index = this.indexes[i];
            if (hadKey && index.TryGetValue(oldKey, out ImmutableArray<OvsdbUuid> oldUuids))
            {
                ImmutableArray<OvsdbUuid> remaining = oldUuids.Remove(uuid);
                if (remaining.IsEmpty)
                {
                    index.Remove(oldKey);
                }
                else
                {
                    index[oldKey] = remaining;
                }
            }

            if (hasKey)
            {
                index[newKey] = index.TryGetValue(newKey, out ImmutableArray<OvsdbUuid> uuids) ? uuids.Add(uuid) : [uuid];
            }
        }
    }

    public OvsdbReplicaTable ToTable()
    {
        var states = new IndexState[this.indexes.Length];
        for (int i = 0; i < states.Length; i++)
        {
            states[i] = new IndexState(this.source.Indexes[i].Definition, this.indexes[i].ToImmutable());
        }

        return new OvsdbReplicaTable(this.source.Schema, this.source.MonitoredColumns, this.rows.ToImmutable(), states);
    }
}
