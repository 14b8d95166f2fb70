using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>A row change of one table, typed: the model before and after.</summary>
/// <typeparam name="T">The table's generated model.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public readonly struct OvsdbReplicaChange<T>
    where T : class, IOvsdbModel<T>
{
    internal OvsdbReplicaChange(OvsdbReplicaChange change) => this.Untyped = change;

    /// <summary>Gets the untyped change (raw rows, <see cref="OvsdbReplicaChange.Changed"/>).</summary>
    public OvsdbReplicaChange Untyped { get; }

    /// <summary>Gets the kind of change.</summary>
    public OvsdbReplicaChangeKind Kind => this.Untyped.Kind;

    /// <summary>Gets the row's uuid.</summary>
    public OvsdbUuid Uuid => this.Untyped.Uuid;

    /// <summary>Gets the version of the snapshot this change produced.</summary>
    public long Version => this.Untyped.Version;

    /// <summary>Gets the row before the change (null for an insert).</summary>
    public T? Old => this.Untyped.Old<T>();

    /// <summary>Gets the row after the change (null for a delete).</summary>
    public T? New => this.Untyped.New<T>();

    /// <inheritdoc/>
    public override string ToString() => this.Untyped.ToString();
}
