using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// A typed column: builds conditions and mutations from C# values, written exactly as the model's <c>ToRow</c> writes
/// them (an optional column's null is the empty set, an enum its wire string).
/// </summary>
/// <typeparam name="TModel">The model.</typeparam>
/// <typeparam name="TValue">The property type.</typeparam>
/// <remarks>Immutable and thread-safe.</remarks>
/// <param name="name">The OVSDB column name.</param>
/// <param name="toValue">Converts a C# value to the OVSDB value.</param>
public class OvsdbColumn<TModel, TValue>(string name, Func<TValue, OvsdbValue> toValue) : OvsdbColumn<TModel>(name)
    where TModel : IOvsdbModel<TModel>
{
    /// <summary>Converts a C# value as the column is written on the wire.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The OVSDB value.</returns>
    public OvsdbValue ToValue(TValue value) => toValue(value);

    /// <summary>Builds <c>column == value</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public OvsdbCondition EqualTo(TValue value) => new(this.Name, ConditionFunction.Equal, toValue(value));

    /// <summary>Builds <c>column != value</c>.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public OvsdbCondition NotEqualTo(TValue value) => new(this.Name, ConditionFunction.NotEqual, toValue(value));

    /// <summary>Builds a condition with any RFC 7047 function.</summary>
    /// <param name="function">The function.</param>
    /// <param name="value">The value.</param>
    /// <returns>The condition.</returns>
    public OvsdbCondition Where(ConditionFunction function, TValue value) => new(this.Name, function, toValue(value));

    /// <summary>Builds a mutation such as <c>+=</c> on an integer column.</summary>
    /// <param name="mutator">The mutator.</param>
    /// <param name="value">The operand.</param>
    /// <returns>The mutation.</returns>
    public OvsdbMutation Mutate(Mutator mutator, TValue value) => new(this.Name, mutator, toValue(value));
}
