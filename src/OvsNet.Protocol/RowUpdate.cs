namespace OvsNet.Protocol;

/// <summary>
/// An RFC 7047 §4.1.6 <c>&lt;row-update&gt;</c> (monitor version 1): <c>old</c> holds the changed columns' previous
/// values (absent for an insert), <c>new</c> the monitored columns' current values (absent for a delete).
/// Immutable and thread-safe.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsNet.Protocol.Json.RowUpdateConverter))]
public sealed class RowUpdate : IEquatable<RowUpdate>
{
    /// <summary>Creates a row update.</summary>
    /// <exception cref="ArgumentException">Both rows are null.</exception>
    public RowUpdate(OvsdbRow? old, OvsdbRow? @new)
    {
        if (old is null && @new is null)
        {
            throw new ArgumentException("A row update needs an old or a new row (RFC 7047 §4.1.6).");
        }

        this.Old = old;
        this.New = @new;
    }

    /// <summary>The previous values of the changed columns (all monitored columns for a delete), or null for an insert.</summary>
    public OvsdbRow? Old { get; }

    /// <summary>All monitored columns' new values, or null for a delete.</summary>
    public OvsdbRow? New { get; }

    /// <summary>The kind of change.</summary>
    public RowUpdateKind Kind => this.Old is null ? RowUpdateKind.Insert : this.New is null ? RowUpdateKind.Delete : RowUpdateKind.Modify;

    /// <summary>
    /// Applies the update to the cached row: null for a delete, otherwise <see cref="New"/> laid over the current row
    /// (version-1 updates carry whole values, so no diffing is needed).
    /// </summary>
    public OvsdbRow? Apply(OvsdbRow? current) => this.New is null ? null : current is null ? this.New : current.WithAll(this.New);

    /// <inheritdoc/>
    public bool Equals(RowUpdate? other) => other is not null && Equals(this.Old, other.Old) && Equals(this.New, other.New);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RowUpdate other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.Old, this.New);
}
