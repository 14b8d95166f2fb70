using System.ComponentModel;

namespace OvsNet.Mapping;

/// <summary>Creates <see cref="OvsdbModelSet{T}"/> instances (the collection-expression builder).</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OvsdbModelSet
{
    /// <summary>Creates a set from elements; later duplicates are dropped.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="items">The elements.</param>
    /// <returns>The set.</returns>
    public static OvsdbModelSet<T> Create<T>(ReadOnlySpan<T> items) => items.IsEmpty ? OvsdbModelSet<T>.Empty : new(items.ToArray());
}
