namespace OvsNet.Protocol;

/// <summary>An RFC 7047 §3.2 <c>&lt;column-schema&gt;</c>. Immutable and thread-safe.</summary>
public sealed class ColumnSchema
{
    /// <summary>Creates a column schema.</summary>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="type"/> is null.</exception>
    public ColumnSchema(string name, ColumnType type, bool ephemeral = false, bool mutable = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(type);
        this.Name = name;
        this.Type = type;
        this.Ephemeral = ephemeral;
        this.Mutable = mutable;
    }

    /// <summary>The column name.</summary>
    public string Name { get; }

    /// <summary>The column type.</summary>
    public ColumnType Type { get; }

    /// <summary>True when the column is not persisted to disk.</summary>
    public bool Ephemeral { get; }

    /// <summary>False when the column may be set only by insert (default true).</summary>
    public bool Mutable { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{this.Name}: {this.Type}";
}
