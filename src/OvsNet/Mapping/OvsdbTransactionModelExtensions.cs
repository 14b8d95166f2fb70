using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>Typed operations on <see cref="OvsdbTransaction"/> for generated models.</summary>
public static class OvsdbTransactionModelExtensions
{
    /// <summary>Adds an <c>insert</c> of <paramref name="row"/>'s non-default columns.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="row">The new row (its <see cref="IOvsdbModel{TSelf}.Uuid"/> is ignored: the server assigns one).</param>
    /// <returns>A reference to the new row by named-uuid, usable in other models and operations of this transaction.</returns>
    public static OvsdbRef<T> Insert<T>(this OvsdbTransaction transaction, T row)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(row);
        return transaction.Insert(T.TableName, row.ToRow(OvsdbRowScope.Insert));
    }

    /// <summary>Adds an <c>insert</c> of <paramref name="row"/>'s non-default columns under a chosen named-uuid.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="row">The new row.</param>
    /// <param name="uuidName">The named-uuid (<c>[_a-zA-Z][_a-zA-Z0-9]*</c>), unique in the transaction.</param>
    /// <returns>A reference to the new row by named-uuid.</returns>
    public static OvsdbRef<T> Insert<T>(this OvsdbTransaction transaction, T row, string uuidName)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(row);
        return transaction.Insert(T.TableName, row.ToRow(OvsdbRowScope.Insert), uuidName);
    }

    /// <summary>
    /// Adds an <c>update</c> of the row <paramref name="row"/> was read from (<c>_uuid == row.Uuid</c>), writing the
    /// chosen <paramref name="columns"/>, or every mutable modelled column when none are given.
    /// </summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="row">The row with its new values.</param>
    /// <param name="columns">The columns to write, for example <c>Bridge.Columns.ExternalIds</c>.</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentException">The row has no uuid (it was not read from a server).</exception>
    public static OvsdbTransaction Update<T>(this OvsdbTransaction transaction, T row, params OvsdbColumn<T>[] columns)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Uuid == OvsdbUuid.Zero)
        {
            throw new ArgumentException($"The {T.TableName} row has no uuid; read it from the server first, or pass conditions.", nameof(row));
        }

        return transaction.Update([OvsdbCondition.UuidIs(row.Uuid)], row, columns);
    }

    /// <summary>Adds an <c>update</c> of the rows matching <paramref name="where"/> with the chosen columns of <paramref name="row"/>.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="where">The conditions.</param>
    /// <param name="row">The values.</param>
    /// <param name="columns">The columns to write; none means every mutable modelled column.</param>
    /// <returns>The transaction.</returns>
    public static OvsdbTransaction Update<T>(this OvsdbTransaction transaction, IReadOnlyList<OvsdbCondition> where, T row, params OvsdbColumn<T>[] columns)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        OvsdbRow values = columns.Length == 0 ? row.ToRow(OvsdbRowScope.Update) : Pick(row, columns);
        return transaction.Update(T.TableName, where, values);
    }

    /// <summary>
    /// Adds a <c>wait</c> that the row <paramref name="row"/> was read from (<c>_uuid == row.Uuid</c>) still holds
    /// <paramref name="row"/>'s values in <paramref name="columns"/>: <c>until "=="</c> with a zero timeout, it fails the
    /// transaction at once if another client changed them since the read (what <c>ovs-vsctl</c> calls verify).
    /// </summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="row">The row as read.</param>
    /// <param name="columns">The columns to compare (at least one).</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentException">The row has no uuid, no column is given, or a column is not modelled.</exception>
    public static OvsdbTransaction Verify<T>(this OvsdbTransaction transaction, T row, params OvsdbColumn<T>[] columns)
        where T : IOvsdbModel<T>
        => transaction.Wait(row, WaitUntil.Equal, TimeSpan.Zero, columns);

    /// <summary>Adds a <c>wait</c> on the row <paramref name="row"/> was read from, comparing <paramref name="row"/>'s values in <paramref name="columns"/>.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="row">The row whose values are compared.</param>
    /// <param name="until">Wait until the row is equal (<c>==</c>) or not equal (<c>!=</c>) to those values.</param>
    /// <param name="timeout">How long the server waits; zero fails at once.</param>
    /// <param name="columns">The columns to compare (at least one).</param>
    /// <returns>The transaction.</returns>
    /// <exception cref="ArgumentException">The row has no uuid, no column is given, or a column is not modelled.</exception>
    public static OvsdbTransaction Wait<T>(this OvsdbTransaction transaction, T row, WaitUntil until, TimeSpan timeout, params OvsdbColumn<T>[] columns)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(columns);
        if (row.Uuid == OvsdbUuid.Zero)
        {
            throw new ArgumentException($"The {T.TableName} row has no uuid; read it from the server first.", nameof(row));
        }

        if (columns.Length == 0)
        {
            throw new ArgumentException("A wait needs at least one column.", nameof(columns));
        }

        OvsdbRow values = Pick(row, columns);
        return transaction.Wait(T.TableName, [OvsdbCondition.UuidIs(row.Uuid)], [values], until, timeout, [.. values.Keys]);
    }

    /// <summary>
    /// Adds a <c>select</c> of the rows of <typeparamref name="T"/>'s table matching <paramref name="where"/>; read them
    /// from the committed result with <see cref="OvsdbSelection{T}.Read"/>. Several selects in one transaction read one
    /// consistent snapshot of several tables.
    /// </summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="where">The conditions; empty selects every row.</param>
    /// <param name="columns">The columns to fetch (the others read as their defaults); none fetches every column.</param>
    /// <returns>The handle that reads the selected rows from the transaction's result.</returns>
    public static OvsdbSelection<T> Select<T>(this OvsdbTransaction transaction, IReadOnlyList<OvsdbCondition> where, params OvsdbColumn<T>[] columns)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(columns);
        IReadOnlyList<string>? names = columns.Length == 0 ? null
            : ["_uuid", .. columns.Select(c => c?.Name ?? throw new ArgumentException("A column is null.", nameof(columns))).Distinct(StringComparer.Ordinal)];
        return new OvsdbSelection<T>(transaction.Select(T.TableName, where, names));
    }

    /// <summary>Adds a <c>mutate</c> of one row, for example <c>tx.Mutate(ovs, OpenVSwitch.Columns.Bridges.Insert(br))</c>.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="row">The row (a uuid, or a named-uuid inserted earlier in this transaction).</param>
    /// <param name="mutations">The mutations, built with the model's column descriptors.</param>
    /// <returns>The transaction.</returns>
    public static OvsdbTransaction Mutate<T>(this OvsdbTransaction transaction, OvsdbRef<T> row, params OvsdbMutation[] mutations)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Mutate(T.TableName, [row.ToCondition()], mutations);
    }

    /// <summary>Adds a <c>mutate</c> of the rows matching <paramref name="where"/> in <typeparamref name="T"/>'s table.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="where">The conditions.</param>
    /// <param name="mutations">The mutations.</param>
    /// <returns>The transaction.</returns>
    public static OvsdbTransaction Mutate<T>(this OvsdbTransaction transaction, IReadOnlyList<OvsdbCondition> where, params OvsdbMutation[] mutations)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Mutate(T.TableName, where, mutations);
    }

    /// <summary>Adds a <c>delete</c> of one row.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="transaction">The transaction.</param>
    /// <param name="row">The row.</param>
    /// <returns>The transaction.</returns>
    public static OvsdbTransaction Delete<T>(this OvsdbTransaction transaction, OvsdbRef<T> row)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(transaction);
        return transaction.Delete(T.TableName, [row.ToCondition()]);
    }

    /// <summary>The values of <paramref name="columns"/> in <paramref name="row"/>, in that order.</summary>
    private static OvsdbRow Pick<T>(T row, OvsdbColumn<T>[] columns)
        where T : IOvsdbModel<T>
    {
        OvsdbRow all = row.ToRow(OvsdbRowScope.All);
        var values = new Dictionary<string, OvsdbValue>(StringComparer.Ordinal);
        foreach (OvsdbColumn<T> column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            values[column.Name] = all.TryGetValue(column.Name, out OvsdbValue v) ? v : throw new ArgumentException($"{column} is not a column of {T.TableName}.", nameof(columns));
        }

        return new OvsdbRow(values);
    }
}
