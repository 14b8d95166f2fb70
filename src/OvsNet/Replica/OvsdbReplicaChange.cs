using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// One row change the replica applied: the row before and after. All changes of one update message carry the same
/// <see cref="Version"/> (the snapshot they produced) and are delivered together, in the order applied.
/// </summary>
/// <remarks>Immutable and thread-safe. Typed rows (<see cref="Old{T}"/>, <see cref="New{T}"/>) are materialized once and shared with the snapshot.</remarks>
public sealed class OvsdbReplicaChange
{
    private readonly ReplicaRow? oldRow;
    private readonly ReplicaRow? newRow;

    internal OvsdbReplicaChange(string table, OvsdbUuid uuid, ReplicaRow? oldRow, ReplicaRow? newRow, long version)
    {
        this.Table = table;
        this.Uuid = uuid;
        this.oldRow = oldRow;
        this.newRow = newRow;
        this.Version = version;
    }

    /// <summary>Gets the table.</summary>
    public string Table { get; }

    /// <summary>Gets the row's uuid.</summary>
    public OvsdbUuid Uuid { get; }

    /// <summary>Gets the version of the snapshot this change produced.</summary>
    public long Version { get; }

    /// <summary>Gets the kind of change.</summary>
    public OvsdbReplicaChangeKind Kind => this.oldRow is null ? OvsdbReplicaChangeKind.Insert
        : this.newRow is null ? OvsdbReplicaChangeKind.Delete
        : OvsdbReplicaChangeKind.Update;

    /// <summary>Gets the row before the change (null for an insert).</summary>
    public OvsdbRow? OldRow => this.oldRow?.Row;

    /// <summary>Gets the row after the change (null for a delete).</summary>
    public OvsdbRow? NewRow => this.newRow?.Row;

    /// <summary>Gets the typed row before the change, or null for an insert.</summary>
    /// <typeparam name="T">The model of <see cref="Table"/>.</typeparam>
    /// <returns>The row.</returns>
    /// <exception cref="InvalidOperationException">The change is of another table.</exception>
    public T? Old<T>()
        where T : class, IOvsdbModel<T>
        => this.Check<T>().oldRow?.GetModel<T>();

    /// <summary>Gets the typed row after the change, or null for a delete.</summary>
    /// <typeparam name="T">The model of <see cref="Table"/>.</typeparam>
    /// <returns>The row.</returns>
    /// <exception cref="InvalidOperationException">The change is of another table.</exception>
    public T? New<T>()
        where T : class, IOvsdbModel<T>
        => this.Check<T>().newRow?.GetModel<T>();

    /// <summary>Gets whether a column differs between the old and new row (always true for inserts and deletes).</summary>
    /// <param name="column">The column.</param>
    /// <returns>Whether it changed.</returns>
    public bool Changed(string column)
    {
        if (this.oldRow is null || this.newRow is null)
        {
            return true;
        }

        bool hadValue = this.oldRow.Row.TryGetValue(column, out OvsdbValue before);
        bool hasValue = this.newRow.Row.TryGetValue(column, out OvsdbValue after);
        return hadValue != hasValue || !before.Equals(after);
    }

    /// <inheritdoc/>
    public override string ToString() => $"v{this.Version} {this.Kind} {this.Table} {this.Uuid}";

    private OvsdbReplicaChange Check<T>()
        where T : class, IOvsdbModel<T>
        => T.TableName == this.Table
            ? this
            : throw new InvalidOperationException($"This change is of table {this.Table}, not {T.TableName}.");
}
