using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// A column value (RFC 7047 §5.1 <c>&lt;value&gt;</c>): an atom, a set or a map. A bare atom and the one-element set
/// holding it are equal, as they are on the wire. The default value is the integer atom 0. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(OvsdbValueConverter))]
public readonly struct OvsdbValue : IEquatable<OvsdbValue>
{
    private readonly OvsdbAtom atom;
    private readonly object? collection; // OvsdbSet or OvsdbMap; null for an atom

    /// <summary>Creates an atom value.</summary>
    public OvsdbValue(OvsdbAtom atom)
    {
        this.atom = atom;
        this.collection = null;
    }

    /// <summary>Creates a set value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="set"/> is null.</exception>
    public OvsdbValue(OvsdbSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        this.atom = default;
        this.collection = set;
    }

    /// <summary>Creates a map value.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="map"/> is null.</exception>
    public OvsdbValue(OvsdbMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        this.atom = default;
        this.collection = map;
    }

    /// <summary>The empty set (the value of an unset optional column).</summary>
    public static OvsdbValue EmptySet => new(OvsdbSet.Empty);

    /// <summary>What the value holds.</summary>
    public OvsdbValueKind Kind => this.collection switch
    {
        null => OvsdbValueKind.Atom,
        OvsdbSet => OvsdbValueKind.Set,
        _ => OvsdbValueKind.Map,
    };

    /// <summary>The atom; a one-element set gives its element.</summary>
    /// <exception cref="InvalidOperationException">The value is a map or a set with other than one element.</exception>
    public OvsdbAtom AsAtom() => this.collection switch
    {
        null => this.atom,
        OvsdbSet { Count: 1 } set => set[0],
        OvsdbSet set => throw new InvalidOperationException($"The value is a set of {set.Count} atoms, not a single atom."),
        _ => throw new InvalidOperationException("The value is a map, not an atom."),
    };

    /// <summary>The set; an atom becomes the one-element set holding it.</summary>
    /// <exception cref="InvalidOperationException">The value is a map.</exception>
    public OvsdbSet AsSet() => this.collection switch
    {
        null => OvsdbSet.FromArray([this.atom], checkDuplicates: false),
        OvsdbSet set => set,
        _ => throw new InvalidOperationException("The value is a map, not a set."),
    };

    /// <summary>The map.</summary>
    /// <exception cref="InvalidOperationException">The value is not a map.</exception>
    public OvsdbMap AsMap() => this.collection as OvsdbMap
        ?? throw new InvalidOperationException($"The value is {(this.collection is null ? "an atom" : "a set")}, not a map.");

    /// <summary>Gets the atom if the value is an atom or a one-element set.</summary>
    public bool TryGetAtom(out OvsdbAtom atom)
    {
        switch (this.collection)
        {
            case null:
                atom = this.atom;
                return true;
            case OvsdbSet { Count: 1 } set:
                atom = set[0];
                return true;
            default:
                atom = default;
                return false;
        }
    }

    /// <summary>Implicit atom value.</summary>
    public static implicit operator OvsdbValue(OvsdbAtom value) => new(value);

    /// <summary>Implicit set value.</summary>
    public static implicit operator OvsdbValue(OvsdbSet value) => new(value);

    /// <summary>Implicit map value.</summary>
    public static implicit operator OvsdbValue(OvsdbMap value) => new(value);

    /// <summary>Implicit integer atom value.</summary>
    public static implicit operator OvsdbValue(long value) => new(OvsdbAtom.Integer(value));

    /// <summary>Implicit integer atom value.</summary>
    public static implicit operator OvsdbValue(int value) => new(OvsdbAtom.Integer(value));

    /// <summary>Implicit real atom value.</summary>
    public static implicit operator OvsdbValue(double value) => new(OvsdbAtom.Real(value));

    /// <summary>Implicit boolean atom value.</summary>
    public static implicit operator OvsdbValue(bool value) => new(OvsdbAtom.Boolean(value));

    /// <summary>Implicit string atom value.</summary>
    public static implicit operator OvsdbValue(string value) => new(OvsdbAtom.String(value));

    /// <summary>Implicit uuid atom value.</summary>
    public static implicit operator OvsdbValue(OvsdbUuid value) => new(OvsdbAtom.Uuid(value));

    /// <summary>Implicit named-uuid atom value.</summary>
    public static implicit operator OvsdbValue(OvsdbNamedUuid value) => new(OvsdbAtom.NamedUuid(value));

    /// <summary>
    /// True when both hold the same representation: the same set or map instance, or atoms of the same type and value
    /// (unlike <see cref="Equals(OvsdbValue)"/>, 1 and 1.0, or an atom and its one-element set, are not identical).
    /// </summary>
    internal bool IsIdenticalTo(OvsdbValue other) => ReferenceEquals(this.collection, other.collection)
        && (this.collection is not null || (this.atom.Type == other.atom.Type && this.atom.IsNamedUuid == other.atom.IsNamedUuid && this.atom.Equals(other.atom)));

    /// <inheritdoc/>
    public bool Equals(OvsdbValue other)
    {
        return (this.collection, other.collection) switch
        {
            (null, null) => this.atom.Equals(other.atom),
            (null, OvsdbSet set) => set.Count == 1 && set[0].Equals(this.atom),
            (OvsdbSet set, null) => set.Count == 1 && set[0].Equals(other.atom),
            (OvsdbSet a, OvsdbSet b) => a.Equals(b),
            (OvsdbMap a, OvsdbMap b) => a.Equals(b),
            _ => false,
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbValue other && this.Equals(other);

    /// <summary>A hash consistent with equality: an atom hashes like the one-element set holding it.</summary>
    public override int GetHashCode() => this.collection?.GetHashCode() ?? this.atom.GetHashCode();

    /// <inheritdoc/>
    public override string ToString() => this.collection?.ToString() ?? this.atom.ToString();

    /// <summary>Equality.</summary>
    public static bool operator ==(OvsdbValue left, OvsdbValue right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(OvsdbValue left, OvsdbValue right) => !left.Equals(right);

    /// <summary>The set or map, or null for an atom (for converters).</summary>
    internal object? Collection => this.collection;

    /// <summary>The atom field without conversion (for converters).</summary>
    internal OvsdbAtom RawAtom => this.atom;
}
