using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OvsNet.Mapping;

/// <summary>
/// An immutable set, the C# form of an OVSDB set column: no duplicates, and equality ignores order (OVSDB sets are
/// unordered), so two models read from the same row compare equal. Enumerates in insertion order.
/// </summary>
/// <typeparam name="T">The element type.</typeparam>
/// <remarks>Immutable and thread-safe. Build one with a collection expression: <c>[a, b]</c>.</remarks>
[CollectionBuilder(typeof(OvsdbModelSet), nameof(OvsdbModelSet.Create))]
public sealed class OvsdbModelSet<T> : IReadOnlyCollection<T>, IEquatable<OvsdbModelSet<T>>
{
    private readonly T[] items;
    private readonly HashSet<T> set;

    /// <summary>Initializes a new instance of the <see cref="OvsdbModelSet{T}"/> class; later duplicates are dropped.</summary>
    /// <param name="items">The elements.</param>
    public OvsdbModelSet(IEnumerable<T> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        this.set = [];
        var list = new List<T>();
        foreach (T item in items)
        {
            if (this.set.Add(item))
            {
                list.Add(item);
            }
        }

        this.items = [.. list];
    }

    /// <summary>Gets the empty set.</summary>
    [SuppressMessage("Design", "CA1000:Do not declare static members on generic types", Justification = "Like ImmutableArray<T>.Empty.")]
    public static OvsdbModelSet<T> Empty { get; } = new([]);

    /// <inheritdoc/>
    public int Count => this.items.Length;

    /// <summary>Compares two sets by their elements.</summary>
    /// <param name="left">The first set.</param>
    /// <param name="right">The second set.</param>
    /// <returns>Whether they hold the same elements.</returns>
    public static bool operator ==(OvsdbModelSet<T>? left, OvsdbModelSet<T>? right) => Equals(left, right);

    /// <summary>Compares two sets by their elements.</summary>
    /// <param name="left">The first set.</param>
    /// <param name="right">The second set.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(OvsdbModelSet<T>? left, OvsdbModelSet<T>? right) => !Equals(left, right);

    /// <summary>Tells whether the set holds <paramref name="item"/>.</summary>
    /// <param name="item">The element.</param>
    /// <returns>Whether it is present.</returns>
    public bool Contains(T item) => this.set.Contains(item);

    /// <summary>Returns a set with <paramref name="item"/> added.</summary>
    /// <param name="item">The element.</param>
    /// <returns>A new set (or this one if the element is present).</returns>
    public OvsdbModelSet<T> Add(T item) => this.Contains(item) ? this : new([.. this.items, item]);

    /// <summary>Returns a set without <paramref name="item"/>.</summary>
    /// <param name="item">The element.</param>
    /// <returns>A new set (or this one if the element is absent).</returns>
    public OvsdbModelSet<T> Remove(T item) => this.Contains(item) ? new(this.items.Where(i => !EqualityComparer<T>.Default.Equals(i, item))) : this;

    /// <inheritdoc/>
    public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)this.items).GetEnumerator();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => this.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(OvsdbModelSet<T>? other) =>
        other is not null && (ReferenceEquals(this, other) || (other.Count == this.Count && this.set.SetEquals(other.items)));

    /// <inheritdoc/>
    public override bool Equals(object? obj) => this.Equals(obj as OvsdbModelSet<T>);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        // Order-insensitive: equal sets enumerate in any order.
        int hash = this.items.Length;
        foreach (T item in this.items)
        {
            hash ^= item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item);
        }

        return hash;
    }

    /// <inheritdoc/>
    public override string ToString() => "[" + string.Join(", ", this.items) + "]";
}
