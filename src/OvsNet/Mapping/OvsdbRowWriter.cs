using System.ComponentModel;
using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// Collects the columns of a generated model's <c>ToRow</c>, keeping those the <see cref="OvsdbRowScope"/> selects:
/// non-default ones for an insert, mutable ones for an update, all for <see cref="OvsdbRowScope.All"/>.
/// </summary>
/// <remarks>Not thread-safe; one instance per <c>ToRow</c> call.</remarks>
/// <param name="scope">Which columns to keep.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class OvsdbRowWriter(OvsdbRowScope scope)
{
    private readonly List<KeyValuePair<string, OvsdbValue>> columns = [];

    /// <summary>Writes a column of exactly one value.</summary>
    /// <typeparam name="T">The C# type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="value">The value.</param>
    /// <param name="fallback">The OVSDB default, which an insert leaves out.</param>
    /// <param name="write">Converts to an atom.</param>
    /// <param name="mutable">Whether an update may write the column.</param>
    public void Scalar<T>(string column, T value, T fallback, Func<T, OvsdbAtom> write, bool mutable)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (this.Keep(EqualityComparer<T>.Default.Equals(value, fallback), mutable))
        {
            this.columns.Add(new(column, write(value)));
        }
    }

    /// <summary>Writes a column of zero or one value.</summary>
    /// <typeparam name="T">The C# value type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="value">The value, or null.</param>
    /// <param name="write">Converts to an atom.</param>
    /// <param name="mutable">Whether an update may write the column.</param>
    public void Optional<T>(string column, T? value, Func<T, OvsdbAtom> write, bool mutable)
        where T : struct
    {
        if (this.Keep(value is null, mutable))
        {
            this.columns.Add(new(column, OvsdbAtomConvert.WriteOptional(value, write)));
        }
    }

    /// <summary>Writes a string column of zero or one value.</summary>
    /// <param name="column">The column.</param>
    /// <param name="value">The value, or null.</param>
    /// <param name="mutable">Whether an update may write the column.</param>
    public void OptionalString(string column, string? value, bool mutable)
    {
        if (this.Keep(value is null, mutable))
        {
            this.columns.Add(new(column, OvsdbAtomConvert.WriteOptionalString(value)));
        }
    }

    /// <summary>Writes a set column.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="value">The set (null is written as empty).</param>
    /// <param name="write">Converts an element.</param>
    /// <param name="mutable">Whether an update may write the column.</param>
    public void Set<T>(string column, IReadOnlyCollection<T>? value, Func<T, OvsdbAtom> write, bool mutable)
    {
        ArgumentNullException.ThrowIfNull(write);
        value ??= [];
        if (this.Keep(value.Count == 0, mutable))
        {
            this.columns.Add(new(column, OvsdbAtomConvert.WriteSet(value, write)));
        }
    }

    /// <summary>Writes a map column.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="column">The column.</param>
    /// <param name="value">The map (null is written as empty).</param>
    /// <param name="writeKey">Converts a key.</param>
    /// <param name="writeValue">Converts a value.</param>
    /// <param name="mutable">Whether an update may write the column.</param>
    public void Map<TKey, TValue>(string column, IReadOnlyDictionary<TKey, TValue>? value, Func<TKey, OvsdbAtom> writeKey, Func<TValue, OvsdbAtom> writeValue, bool mutable)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(writeKey);
        ArgumentNullException.ThrowIfNull(writeValue);
        value ??= new Dictionary<TKey, TValue>();
        if (this.Keep(value.Count == 0, mutable))
        {
            this.columns.Add(new(column, OvsdbAtomConvert.WriteMap(value, writeKey, writeValue)));
        }
    }

    /// <summary>Builds the row from the columns written so far.</summary>
    /// <returns>The row.</returns>
    public OvsdbRow ToRow() => this.columns.Count == 0 ? OvsdbRow.Empty : new OvsdbRow(this.columns);

    private bool Keep(bool isDefault, bool mutable) => scope switch
    {
        OvsdbRowScope.Insert => !isDefault,
        OvsdbRowScope.Update => mutable,
        _ => true,
    };
}
