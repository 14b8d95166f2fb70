using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>Typed reads on <see cref="OvsdbClient"/> for generated models.</summary>
public static class OvsdbClientModelExtensions
{
    /// <summary>
    /// Selects the rows of <typeparamref name="T"/>'s table matching <paramref name="where"/>, as typed rows. All columns
    /// are requested, so a server with more or fewer columns than the model still answers (see
    /// <see cref="IOvsdbModel{TSelf}.FromRow"/>).
    /// </summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="database">The database, for example <c>Open_vSwitch</c>.</param>
    /// <param name="where">The conditions; empty selects every row.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows.</returns>
    /// <exception cref="OvsdbTransactionException">The select failed (for example, the server has no such table).</exception>
    public static async Task<IReadOnlyList<T>> SelectAsync<T>(this OvsdbClient client, string database, IReadOnlyList<OvsdbCondition> where, CancellationToken cancellationToken = default)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(where);
        OvsdbTransactResult result = await client.TransactAsync(database, [new SelectOperation(T.TableName, where)], cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OvsdbRow> rows = result.Results[0]?.Rows ?? [];
        var models = new T[rows.Count];
        for (int i = 0; i < models.Length; i++)
        {
            models[i] = T.FromRow(rows[i]);
        }

        return models;
    }

    /// <summary>Selects every row of <typeparamref name="T"/>'s table.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="client">The client.</param>
    /// <param name="database">The database.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The rows.</returns>
    public static Task<IReadOnlyList<T>> SelectAllAsync<T>(this OvsdbClient client, string database, CancellationToken cancellationToken = default)
        where T : IOvsdbModel<T>
        => client.SelectAsync<T>(database, [], cancellationToken);
}
