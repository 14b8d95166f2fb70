using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>A typed set column: typed <c>insert</c>/<c>delete</c> mutations and <c>includes</c>/<c>excludes</c> conditions.</summary>
/// <typeparam name="TModel">The model.</typeparam>
/// <typeparam name="TElement">The element type.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbSetColumn<TModel, TElement> : OvsdbColumn<TModel, OvsdbModelSet<TElement>>
    where TModel : IOvsdbModel<TModel>
{
    private readonly Func<TElement, OvsdbAtom> write;

    /// <summary>Initializes a new instance of the <see cref="OvsdbSetColumn{TModel, TElement}"/> class.</summary>
    /// <param name="name">The OVSDB column name.</param>
    /// <param name="write">Converts an element to its atom.</param>
    public OvsdbSetColumn(string name, Func<TElement, OvsdbAtom> write)
        : base(name, set => OvsdbAtomConvert.WriteSet(set, write)) => this.write = write;

    /// <summary>Builds <c>column insert [elements]</c>: adds elements to the set, keeping the others.</summary>
    /// <param name="elements">The elements.</param>
    /// <returns>The mutation.</returns>
    public OvsdbMutation Insert(params TElement[] elements) => new(this.Name, Mutator.Insert, this.Set(elements));

    /// <summary>Builds <c>column delete [elements]</c>: removes elements from the set.</summary>
    /// <param name="elements">The elements.</param>
    /// <returns>The mutation.</returns>
    public OvsdbMutation Delete(params TElement[] elements) => new(this.Name, Mutator.Delete, this.Set(elements));

    /// <summary>Builds <c>column includes [elements]</c>.</summary>
    /// <param name="elements">The elements.</param>
    /// <returns>The condition.</returns>
    public OvsdbCondition Includes(params TElement[] elements) => new(this.Name, ConditionFunction.Includes, this.Set(elements));

    /// <summary>Builds <c>column excludes [elements]</c>.</summary>
    /// <param name="elements">The elements.</param>
    /// <returns>The condition.</returns>
    public OvsdbCondition Excludes(params TElement[] elements) => new(this.Name, ConditionFunction.Excludes, this.Set(elements));

    private OvsdbValue Set(TElement[] elements)
    {
        ArgumentNullException.ThrowIfNull(elements);
        return OvsdbAtomConvert.WriteSet(elements, this.write);
    }
}
