using System.ComponentModel;
using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// Reads the columns of one OVSDB row into C# values for a generated model's <c>FromRow</c>. Tolerates schema skew: an
/// absent column yields the model's default, and a 0-or-1-element set is accepted where a single value is expected.
/// A value of the wrong type throws <see cref="OvsdbMappingException"/> naming the table and column.
/// </summary>
/// <param name="row">The row.</param>
/// <param name="table">The table, for error messages.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly struct OvsdbRowReader(OvsdbRow row, string table)
{
    /// <summary>Gets the row's <c>_uuid</c>, or <see cref="OvsdbUuid.Zero"/> if the row has none (a projection without it).</summary>
    public OvsdbUuid Uuid => row.TryGetUuid(out OvsdbUuid uuid) ? uuid : OvsdbUuid.Zero;

    /// <summary>Reads a column of exactly one value.</summary>
    /// <typeparam name="T">The C# type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="read">Converts the atom.</param>
    /// <param name="fallback">The value when the column is absent or empty.</param>
    /// <returns>The value.</returns>
    public T Scalar<T>(string column, Func<OvsdbAtom, T> read, T fallback)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!row.TryGetValue(column, out OvsdbValue value) || !value.TryGetAtom(out OvsdbAtom atom))
        {
            return fallback;
        }

        return this.Convert(column, atom, read);
    }

    /// <summary>Reads a column of zero or one value.</summary>
    /// <typeparam name="T">The C# value type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="read">Converts the atom.</param>
    /// <returns>The value, or null.</returns>
    public T? Optional<T>(string column, Func<OvsdbAtom, T> read)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(read);
        return row.TryGetValue(column, out OvsdbValue value) && value.TryGetAtom(out OvsdbAtom atom) ? this.Convert(column, atom, read) : null;
    }

    /// <summary>Reads a string column of zero or one value.</summary>
    /// <param name="column">The column.</param>
    /// <returns>The value, or null.</returns>
    public string? OptionalString(string column) =>
        row.TryGetValue(column, out OvsdbValue value) && value.TryGetAtom(out OvsdbAtom atom) ? this.Convert(column, atom, OvsdbAtomConvert.ReadString) : null;

    /// <summary>Reads a set column (a single atom is a 1-element set).</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="read">Converts an atom.</param>
    /// <returns>The set; empty when the column is absent.</returns>
    public OvsdbModelSet<T> Set<T>(string column, Func<OvsdbAtom, T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (!row.TryGetValue(column, out OvsdbValue value))
        {
            return OvsdbModelSet<T>.Empty;
        }

        string tableName = table;
        try
        {
            OvsdbSet set = value.AsSet();
            return set.Count == 0 ? OvsdbModelSet<T>.Empty : new OvsdbModelSet<T>(set.Select(read));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new OvsdbMappingException(tableName, column, ex);
        }
    }

    /// <summary>Reads a map column.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="readKey">Converts a key.</param>
    /// <param name="readValue">Converts a value.</param>
    /// <returns>The map; empty when the column is absent.</returns>
    public OvsdbModelMap<TKey, TValue> Map<TKey, TValue>(string column, Func<OvsdbAtom, TKey> readKey, Func<OvsdbAtom, TValue> readValue)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(readKey);
        ArgumentNullException.ThrowIfNull(readValue);

        // An empty set stands for an empty map when a value is written without its schema.
        if (!row.TryGetValue(column, out OvsdbValue value) || (value.Kind == OvsdbValueKind.Set && value.AsSet().Count == 0))
        {
            return OvsdbModelMap<TKey, TValue>.Empty;
        }

        string tableName = table;
        try
        {
            OvsdbMap map = value.AsMap();
            return map.Count == 0
                ? OvsdbModelMap<TKey, TValue>.Empty
                : new OvsdbModelMap<TKey, TValue>(map.Select(p => new KeyValuePair<TKey, TValue>(readKey(p.Key), readValue(p.Value))));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new OvsdbMappingException(tableName, column, ex);
        }
    }

    private T Convert<T>(string column, OvsdbAtom atom, Func<OvsdbAtom, T> read)
    {
        try
        {
            return read(atom);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            throw new OvsdbMappingException(table, column, ex);
        }
    }
}
