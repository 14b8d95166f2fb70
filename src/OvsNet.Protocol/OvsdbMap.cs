using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// An OVSDB map (RFC 7047 §5.1 <c>&lt;map&gt;</c>), written as <c>["map",[[key,value],...]]</c> and only so
/// (ovsdb-server rejects a JSON object or an untagged pair list). Pairs keep their given order; equality ignores it.
/// Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(OvsdbMapConverter))]
public sealed class OvsdbMap : IReadOnlyDictionary<OvsdbAtom, OvsdbAtom>, IEquatable<OvsdbMap>
{
    private const int LinearLimit = 8;

    private readonly KeyValuePair<OvsdbAtom, OvsdbAtom>[] pairs;
    private Dictionary<OvsdbAtom, OvsdbAtom>? lookup;
    private long hash; // 0 = not computed yet; else (1 << 32) | hash

    /// <summary>Creates a map.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="pairs"/> is null.</exception>
    /// <exception cref="ArgumentException">A key occurs twice (ovsdb-server rejects it: "map contains duplicate key").</exception>
    public OvsdbMap(IEnumerable<KeyValuePair<OvsdbAtom, OvsdbAtom>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        this.pairs = [.. pairs];
        CheckDuplicateKeys(this.pairs);
    }

    private OvsdbMap(KeyValuePair<OvsdbAtom, OvsdbAtom>[] pairs) => this.pairs = pairs;

    /// <summary>The empty map.</summary>
    public static OvsdbMap Empty { get; } = new(Array.Empty<KeyValuePair<OvsdbAtom, OvsdbAtom>>());

    /// <summary>The number of pairs.</summary>
    public int Count => this.pairs.Length;

    /// <summary>The pairs in their given order.</summary>
    public ReadOnlySpan<KeyValuePair<OvsdbAtom, OvsdbAtom>> Pairs => this.pairs;

    /// <inheritdoc/>
    public IEnumerable<OvsdbAtom> Keys => this.pairs.Select(p => p.Key);

    /// <inheritdoc/>
    public IEnumerable<OvsdbAtom> Values => this.pairs.Select(p => p.Value);

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">The key is absent.</exception>
    public OvsdbAtom this[OvsdbAtom key] => this.TryGetValue(key, out OvsdbAtom value)
        ? value
        : throw new KeyNotFoundException($"The map has no key {key}.");

    /// <summary>Creates a map from pairs of strings (the common <c>other_config</c>/<c>external_ids</c> shape).</summary>
    public static OvsdbMap FromStrings(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        return new OvsdbMap(pairs.Select(p => new KeyValuePair<OvsdbAtom, OvsdbAtom>(p.Key, p.Value)));
    }

    /// <inheritdoc/>
    public bool ContainsKey(OvsdbAtom key) => this.TryGetValue(key, out _);

    /// <inheritdoc/>
    public bool TryGetValue(OvsdbAtom key, [MaybeNullWhen(false)] out OvsdbAtom value)
    {
        if (this.pairs.Length <= LinearLimit)
        {
            foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> pair in this.pairs)
            {
                if (pair.Key.Equals(key))
                {
                    value = pair.Value;
                    return true;
                }
            }

            value = default;
            return false;
        }

        // Benign race: two threads may both build the lookup; either result is correct.
        this.lookup ??= new Dictionary<OvsdbAtom, OvsdbAtom>(this.pairs);
        return this.lookup.TryGetValue(key, out value);
    }

    /// <summary>
    /// Applies an <c>update2</c> map diff (ovsdb-server(7) §4.1.14): a pair whose key and value are both present is
    /// removed, a pair with a new key is added, and a pair whose key is present with another value replaces it.
    /// </summary>
    public OvsdbMap ApplyDiff(OvsdbMap diff)
    {
        ArgumentNullException.ThrowIfNull(diff);
        if (diff.Count == 0)
        {
            return this;
        }

        var result = new Dictionary<OvsdbAtom, OvsdbAtom>(this.pairs.Length + diff.Count);
        foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> pair in this.pairs)
        {
            result.Add(pair.Key, pair.Value);
        }

        foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> change in diff.pairs)
        {
            if (result.TryGetValue(change.Key, out OvsdbAtom existing) && existing.Equals(change.Value))
            {
                result.Remove(change.Key);
            }
            else
            {
                result[change.Key] = change.Value;
            }
        }

        return result.Count == 0 ? Empty : new OvsdbMap([.. result]);
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<OvsdbAtom, OvsdbAtom>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<OvsdbAtom, OvsdbAtom>>)this.pairs).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => this.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(OvsdbMap? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != this.Count || other.GetHashCode() != this.GetHashCode())
        {
            return false;
        }

        foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> pair in this.pairs)
        {
            if (!other.TryGetValue(pair.Key, out OvsdbAtom value) || !value.Equals(pair.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbMap other && this.Equals(other);

    /// <summary>An order-insensitive hash, cached.</summary>
    public override int GetHashCode()
    {
        long cached = this.hash;
        if (cached != 0)
        {
            return (int)cached;
        }

        int hash = 0;
        foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> pair in this.pairs)
        {
            hash = unchecked(hash + HashCode.Combine(pair.Key, pair.Value));
        }

        this.hash = (1L << 32) | (uint)hash;
        return hash;
    }

    /// <summary>A readable form such as <c>{a=1, b=2}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", this.pairs.Select(p => $"{p.Key}={p.Value}")) + "}";

    /// <summary>Wraps pairs without copying, checking keys (JSON reader).</summary>
    internal static OvsdbMap FromArray(KeyValuePair<OvsdbAtom, OvsdbAtom>[] pairs)
    {
        if (pairs.Length == 0)
        {
            return Empty;
        }

        CheckDuplicateKeys(pairs);
        return new OvsdbMap(pairs);
    }

    private static void CheckDuplicateKeys(KeyValuePair<OvsdbAtom, OvsdbAtom>[] pairs)
    {
        if (pairs.Length < 2)
        {
            return;
        }

        HashSet<OvsdbAtom>? seen = pairs.Length > LinearLimit ? new HashSet<OvsdbAtom>(pairs.Length) : null;
        for (int i = 0; i < pairs.Length; i++)
        {
            OvsdbAtom key = pairs[i].Key;
            bool duplicate = false;
            if (seen is not null)
            {
                duplicate = !seen.Add(key);
            }
            else
            {
                for (int j = 0; j < i && !duplicate; j++)
                {
                    duplicate = pairs[j].Key.Equals(key);
                }
            }

            if (duplicate)
            {
                throw new ArgumentException($"The map contains the key {key} twice.", nameof(pairs));
            }
        }
    }
}
