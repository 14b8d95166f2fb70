using System.Collections.Immutable;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>One index of one table version: key to the uuids of the rows with that key.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
internal sealed class IndexState
{
    public IndexState(OvsdbReplicaIndex definition, ImmutableDictionary<IndexKey, ImmutableArray<OvsdbUuid>> entries)
    {
        this.Definition = definition;
        this.Entries = entries;
    }

    public OvsdbReplicaIndex Definition { get; }

    public ImmutableDictionary<IndexKey, ImmutableArray<OvsdbUuid>> Entries { get; }

    public ImmutableArray<OvsdbUuid> Lookup(IndexKey key) => this.Entries.TryGetValue(key, out ImmutableArray<OvsdbUuid> uuids) ? uuids : [];
}
