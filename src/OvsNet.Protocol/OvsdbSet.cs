using System.Collections;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// An OVSDB set of atoms (RFC 7047 §5.1 <c>&lt;set&gt;</c>), written as <c>["set",[...]]</c>; reading also accepts a
/// bare atom as a one-element set. Equality ignores order. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(OvsdbSetConverter))]
public sealed class OvsdbSet : IReadOnlyCollection<OvsdbAtom>, IEquatable<OvsdbSet>
{
    // Up to this size a linear scan beats hashing; larger sets build a hash set on first lookup.
    private const int LinearLimit = 8;

    private readonly OvsdbAtom[] items;
    private HashSet<OvsdbAtom>? lookup;
    private long hash; // 0 = not computed yet; else (1 << 32) | hash, one atomic 64-bit field

    /// <summary>Creates a set; duplicate atoms are kept once (first occurrence order).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="atoms"/> is null.</exception>
    public OvsdbSet(IEnumerable<OvsdbAtom> atoms)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        this.items = Deduplicate([.. atoms], throwOnDuplicate: false);
    }

    private OvsdbSet(OvsdbAtom[] items) => this.items = items;

    /// <summary>The empty set.</summary>
    public static OvsdbSet Empty { get; } = new(Array.Empty<OvsdbAtom>());

    /// <summary>The number of atoms.</summary>
    public int Count => this.items.Length;

    /// <summary>The atoms, in the order given.</summary>
    public ReadOnlySpan<OvsdbAtom> Items => this.items;

    /// <summary>The atom at <paramref name="index"/> (insertion order).</summary>
    public OvsdbAtom this[int index] => this.items[index];

    /// <summary>Creates a set; duplicate atoms are kept once.</summary>
    public static OvsdbSet Of(params OvsdbAtom[] atoms)
    {
        ArgumentNullException.ThrowIfNull(atoms);
        return atoms.Length == 0 ? Empty : new OvsdbSet(Deduplicate((OvsdbAtom[])atoms.Clone(), throwOnDuplicate: false));
    }

    /// <summary>True when the set holds <paramref name="atom"/>.</summary>
    public bool Contains(OvsdbAtom atom)
    {
        if (this.items.Length <= LinearLimit)
        {
            foreach (OvsdbAtom item in this.items)
            {
                if (item.Equals(atom))
                {
                    return true;
                }
            }

            return false;
        }

        // Benign race: two threads may both build the lookup; either result is correct.
        this.lookup ??= new HashSet<OvsdbAtom>(this.items);
        return this.lookup.Contains(atom);
    }

    /// <summary>
    /// The symmetric difference (atoms in exactly one of the two sets): how an <c>update2</c> <c>modify</c> encodes a
    /// set change, and how it is applied (ovsdb-server(7) §4.1.14).
    /// </summary>
    public OvsdbSet SymmetricDifference(OvsdbSet other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return this;
        }

        if (this.Count == 0)
        {
            return other;
        }

        var result = new List<OvsdbAtom>(this.Count + other.Count);
        foreach (OvsdbAtom item in this.items)
        {
            if (!other.Contains(item))
            {
                result.Add(item);
            }
        }

        foreach (OvsdbAtom item in other.items)
        {
            if (!this.Contains(item))
            {
                result.Add(item);
            }
        }

        return result.Count == 0 ? Empty : new OvsdbSet([.. result]);
    }

    /// <inheritdoc/>
    public IEnumerator<OvsdbAtom> GetEnumerator() => ((IEnumerable<OvsdbAtom>)this.items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => this.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(OvsdbSet? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != this.Count || other.GetHashCode() != this.GetHashCode())
        {
            return false;
        }

        // Both sides are duplicate-free, so same size plus inclusion means equal.
        foreach (OvsdbAtom item in this.items)
        {
            if (!other.Contains(item))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbSet other && this.Equals(other);

    /// <summary>An order-insensitive hash (the sum of the atoms' hashes), cached; for one atom it equals the atom's.</summary>
    public override int GetHashCode()
    {
        long cached = this.hash;
        if (cached != 0)
        {
            return (int)cached;
        }

        int hash = 0;
        foreach (OvsdbAtom item in this.items)
        {
            hash = unchecked(hash + item.GetHashCode());
        }

        this.hash = (1L << 32) | (uint)hash;
        return hash;
    }

    /// <summary>A readable form such as <c>{1, 2}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", this.items) + "}";

    /// <summary>Wraps atoms already known to be duplicate-free (or checks them), without copying.</summary>
    internal static OvsdbSet FromArray(OvsdbAtom[] items, bool checkDuplicates)
    {
        if (items.Length == 0)
        {
            return Empty;
        }

        return new OvsdbSet(checkDuplicates ? Deduplicate(items, throwOnDuplicate: true) : items);
    }

    private static OvsdbAtom[] Deduplicate(OvsdbAtom[] items, bool throwOnDuplicate)
    {
        if (items.Length < 2)
        {
            return items;
        }

        HashSet<OvsdbAtom>? seen = items.Length > LinearLimit ? new HashSet<OvsdbAtom>(items.Length) : null;
        int kept = 0;
        for (int i = 0; i < items.Length; i++)
        {
            OvsdbAtom item = items[i];
            bool duplicate = seen is not null ? !seen.Add(item) : Array.IndexOf(items, item, 0, kept) >= 0;
            if (duplicate)
            {
                if (throwOnDuplicate)
                {
                    throw new ArgumentException($"The set contains the atom {item} twice.", nameof(items));
                }

                continue;
            }

            items[kept++] = item;
        }

        return kept == items.Length ? items : items[..kept];
    }
}
