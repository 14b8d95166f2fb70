using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>A typed map column: typed <c>insert</c>/<c>delete</c> mutations and <c>includes</c> conditions.</summary>
/// <typeparam name="TModel">The model.</typeparam>
/// <typeparam name="TKey">The key type.</typeparam>
/// <typeparam name="TValue">The value type.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbMapColumn<TModel, TKey, TValue> : OvsdbColumn<TModel, OvsdbModelMap<TKey, TValue>>
    where TModel : IOvsdbModel<TModel>
    where TKey : notnull
{
    private readonly Func<TKey, OvsdbAtom> writeKey;
    private readonly Func<TValue, OvsdbAtom> writeValue;

    /// <summary>Initializes a new instance of the <see cref="OvsdbMapColumn{TModel, TKey, TValue}"/> class.</summary>
    /// <param name="name">The OVSDB column name.</param>
    /// <param name="writeKey">Converts a key.</param>
    /// <param name="writeValue">Converts a value.</param>
    public OvsdbMapColumn(string name, Func<TKey, OvsdbAtom> writeKey, Func<TValue, OvsdbAtom> writeValue)
        : base(name, map => OvsdbAtomConvert.WriteMap(map, writeKey, writeValue))
    {
        this.writeKey = writeKey;
        this.writeValue = writeValue;
    }

    /// <summary>
    /// Builds <c>column insert {key: value}</c>. RFC 7047 §5.1: insert never replaces an existing key; to change a value,
    /// put <see cref="DeleteKeys"/> before it in the same mutate.
    /// </summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The mutation.</returns>
    public OvsdbMutation Insert(TKey key, TValue value) => new(this.Name, Mutator.Insert, this.Pair(key, value));

    /// <summary>Builds <c>column delete [keys]</c>: removes the pairs with these keys, whatever their values.</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>The mutation.</returns>
    public OvsdbMutation DeleteKeys(params TKey[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new(this.Name, Mutator.Delete, OvsdbAtomConvert.WriteSet(keys, this.writeKey));
    }

    /// <summary>Builds <c>column delete {key: value}</c>: removes the pair only if the key has this value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The mutation.</returns>
    public OvsdbMutation Delete(TKey key, TValue value) => new(this.Name, Mutator.Delete, this.Pair(key, value));

    /// <summary>Builds <c>column includes {key: value}</c>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public OvsdbCondition Includes(TKey key, TValue value) => new(this.Name, ConditionFunction.Includes, this.Pair(key, value));

    private OvsdbValue Pair(TKey key, TValue value) => new OvsdbMap([new(this.writeKey(key), this.writeValue(value))]);
}
