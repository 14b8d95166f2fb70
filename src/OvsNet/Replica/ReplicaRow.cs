using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// One row version held by a replica: the uuid, the row as <see cref="OvsdbRow"/> (monitored columns, without
/// <c>_uuid</c>), and the typed model materialized on first use and then cached (once per row version).
/// </summary>
/// <remarks>Immutable apart from the cache, which is set atomically; thread-safe.</remarks>
internal sealed class ReplicaRow
{
    private object? model;

    public ReplicaRow(OvsdbUuid uuid, OvsdbRow row)
    {
        this.Uuid = uuid;
        this.Row = row;
    }

    public OvsdbUuid Uuid { get; }

    public OvsdbRow Row { get; }

    public T GetModel<T>()
        where T : IOvsdbModel<T>
    {
        if (Volatile.Read(ref this.model) is T cached)
        {
            return cached;
        }

        // The stored row has no _uuid (update2 never carries it); FromRow reads the uuid from that column.
        T created = T.FromRow(this.Row.With(OvsdbRow.UuidColumn, this.Uuid));
        object? previous = Interlocked.CompareExchange(ref this.model, created, null);
        return previous is T other ? other : created;
    }
}
