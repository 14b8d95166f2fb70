using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// A typed <c>select</c> added to an <see cref="OvsdbTransaction"/> (see
/// <see cref="OvsdbTransactionModelExtensions.Select{T}(OvsdbTransaction, IReadOnlyList{OvsdbCondition}, OvsdbColumn{T}[])"/>):
/// reads its rows from the committed result. Immutable.
/// </summary>
/// <typeparam name="T">The model.</typeparam>
public sealed class OvsdbSelection<T>
    where T : IOvsdbModel<T>
{
    internal OvsdbSelection(int index) => this.Index = index;

    /// <summary>Gets the operation's position in the transaction (and in its result).</summary>
    public int Index { get; }

    /// <summary>Reads the selected rows from the transaction's result.</summary>
    /// <param name="result">The result of committing the transaction the select was added to.</param>
    /// <returns>The typed rows.</returns>
    /// <exception cref="OvsdbProtocolException">The result has no rows at this operation's position.</exception>
    /// <exception cref="OvsdbMappingException">A column holds a value of another type than the model's.</exception>
    public IReadOnlyList<T> Read(OvsdbTransactResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        IReadOnlyList<OvsdbRow> rows = (this.Index < result.Results.Count ? result.Results[this.Index]?.Rows : null)
            ?? throw new OvsdbProtocolException($"The result has no rows for the select of {T.TableName} at {this.Index}: {result}");
        var models = new T[rows.Count];
        for (int i = 0; i < models.Length; i++)
        {
            models[i] = T.FromRow(rows[i]);
        }

        return models;
    }
}
