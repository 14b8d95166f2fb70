namespace OvsNet.Protocol;

/// <summary>
/// An <c>update2</c>/<c>update3</c> <c>&lt;row-update2&gt;</c> (ovsdb-server(7) §4.1.14): a kind and its row
/// (null for delete). Apply it with <see cref="Update2Applier"/>. Immutable and thread-safe.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsNet.Protocol.Json.RowUpdate2Converter))]
public sealed class RowUpdate2 : IEquatable<RowUpdate2>
{
    /// <summary>Creates a row update.</summary>
    /// <exception cref="ArgumentException">A delete has a row, or another kind has none.</exception>
    public RowUpdate2(RowUpdateKind kind, OvsdbRow? row)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown row update kind.");
        }

        if ((kind == RowUpdateKind.Delete) != (row is null))
        {
            throw new ArgumentException(kind == RowUpdateKind.Delete ? "A delete carries no row." : $"An {kind} update needs a row.", nameof(row));
        }

        this.Kind = kind;
        this.Row = row;
    }

    /// <summary>The kind.</summary>
    public RowUpdateKind Kind { get; }

    /// <summary>The row (initial/insert: non-default columns; modify: diffs and new values), or null for delete.</summary>
    public OvsdbRow? Row { get; }

    /// <inheritdoc/>
    public bool Equals(RowUpdate2? other) => other is not null && this.Kind == other.Kind && Equals(this.Row, other.Row);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is RowUpdate2 other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.Kind, this.Row);

    /// <inheritdoc/>
    public override string ToString() => $"{this.Kind} {this.Row}";
}
