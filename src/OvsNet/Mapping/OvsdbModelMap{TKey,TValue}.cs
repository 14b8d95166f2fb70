using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace OvsNet.Mapping;

/// <summary>
/// An immutable map, the C# form of an OVSDB map column. Equality compares pairs and ignores order, so two models
/// read from the same row compare equal. Enumerates in insertion order.
/// </summary>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <remarks>Immutable and thread-safe. A <see cref="Dictionary{TKey, TValue}"/> converts to it implicitly.</remarks>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Map is the RFC 7047 term.")]
public sealed class OvsdbModelMap<TKey, TValue> : IReadOnlyDictionary<TKey, TValue>, IEquatable<OvsdbModelMap<TKey, TValue>>
    where TKey : notnull
{
    private readonly KeyValuePair<TKey, TValue>[] pairs;
    private readonly Dictionary<TKey, TValue> lookup;

    /// <summary>Initializes a new instance of the <see cref="OvsdbModelMap{TKey, TValue}"/> class.</summary>
    /// <param name="pairs">The pairs; a repeated key is an error, as in OVSDB.</param>
    /// <exception cref="ArgumentException">A key is repeated.</exception>
    public OvsdbModelMap(IEnumerable<KeyValuePair<TKey, TValue>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        this.pairs = [.. pairs];
        this.lookup = new Dictionary<TKey, TValue>(this.pairs.Length);
        foreach (KeyValuePair<TKey, TValue> pair in this.pairs)
        {
            if (!this.lookup.TryAdd(pair.Key, pair.Value))
            {
                throw new ArgumentException($"The key '{pair.Key}' appears twice in the map.", nameof(pairs));
            }
        }
    }

    /// <summary>Gets the empty map.</summary>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Like ImmutableDictionary<TKey, TValue>.Empty.")]
    public static OvsdbModelMap<TKey, TValue> Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => this.pairs.Length;

    /// <inheritdoc/>
    public IEnumerable<TKey> Keys => this.pairs.Select(p => p.Key);

    /// <inheritdoc/>
    public IEnumerable<TValue> Values => this.pairs.Select(p => p.Value);

    /// <inheritdoc/>
    public TValue this[TKey key] => this.lookup[key];

    /// <summary>Copies a dictionary.</summary>
    /// <param name="dictionary">The dictionary.</param>
    [SuppressMessage("Usage", "CA2225:Operator overloads have named alternates", Justification = "The constructor is the named alternate.")]
    public static implicit operator OvsdbModelMap<TKey, TValue>(Dictionary<TKey, TValue> dictionary) => new(dictionary);

    /// <summary>Compares two maps by their pairs.</summary>
    /// <param name="left">The first map.</param>
    /// <param name="right">The second map.</param>
    /// <returns>Whether they hold the same pairs.</returns>
    public static bool operator ==(OvsdbModelMap<TKey, TValue>? left, OvsdbModelMap<TKey, TValue>? right) => Equals(left, right);

    /// <summary>Compares two maps by their pairs.</summary>
    /// <param name="left">The first map.</param>
    /// <param name="right">The second map.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(OvsdbModelMap<TKey, TValue>? left, OvsdbModelMap<TKey, TValue>? right) => !Equals(left, right);

    /// <summary>Returns a map with <paramref name="key"/> set to <paramref name="value"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>A new map.</returns>
    public OvsdbModelMap<TKey, TValue> SetItem(TKey key, TValue value) =>
        new([.. this.pairs.Where(p => !EqualityComparer<TKey>.Default.Equals(p.Key, key)), new(key, value)]);

    /// <summary>Returns a map without <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns>A new map (or this one if the key is absent).</returns>
    public OvsdbModelMap<TKey, TValue> Remove(TKey key) =>
        this.ContainsKey(key) ? new(this.pairs.Where(p => !EqualityComparer<TKey>.Default.Equals(p.Key, key))) : this;

    /// <inheritdoc/>
    public bool ContainsKey(TKey key) => this.lookup.ContainsKey(key);

    /// <inheritdoc/>
    public bool TryGetValue(TKey key, [MaybeNullWhen(false)] out TValue value) => this.lookup.TryGetValue(key, out value);

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<TKey, TValue>> GetEnumerator() => ((IEnumerable<KeyValuePair<TKey, TValue>>)this.pairs).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => this.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(OvsdbModelMap<TKey, TValue>? other)
    {
        if (other is null || other.Count != this.Count)
        {
            return false;
        }

        foreach (KeyValuePair<TKey, TValue> pair in this.pairs)
        {
            if (!other.lookup.TryGetValue(pair.Key, out TValue? value) || !EqualityComparer<TValue>.Default.Equals(pair.Value, value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => this.Equals(obj as OvsdbModelMap<TKey, TValue>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = this.pairs.Length;
        foreach (KeyValuePair<TKey, TValue> pair in this.pairs)
        {
            hash ^= HashCode.Combine(pair.Key, pair.Value);
        }

        return hash;
    }

    /// <inheritdoc/>
    public override string ToString() => "{" + string.Join(", ", this.pairs.Select(p => $"{p.Key}={p.Value}")) + "}";
}
