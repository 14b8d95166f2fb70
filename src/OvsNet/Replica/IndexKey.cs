using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>The key of a row in a replica index: one value per index column (or the map value of a map-key index).</summary>
/// <remarks>Immutable and thread-safe. A single-column key holds its value inline, so lookups allocate nothing.</remarks>
internal readonly struct IndexKey : IEquatable<IndexKey>
{
    private readonly OvsdbValue single;
    private readonly OvsdbValue[]? many;

    public IndexKey(OvsdbValue single)
    {
        this.single = single;
        this.many = null;
    }

    public IndexKey(OvsdbValue[] many)
    {
        if (many.Length == 1)
        {
            this.single = many[0];
            this.many = null;
        }
        else
        {
            this.single = default;
            this.many = many;
        }
    }

    public bool Equals(IndexKey other)
    {
        if (this.many is null || other.many is null)
        {
            return this.many is null && other.many is null && this.single.Equals(other.single);
        }

        return this.many.AsSpan().SequenceEqual(other.many);
    }

    public override bool Equals(object? obj) => obj is IndexKey other && this.Equals(other);

    public override int GetHashCode()
    {
        if (this.many is null)
        {
            return this.single.GetHashCode();
        }

        var hash = default(HashCode);
        foreach (OvsdbValue value in this.many)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => this.many is null ? this.single.ToString() : "(" + string.Join(", ", this.many) + ")";
}
