using System.Runtime.CompilerServices;

namespace OvsNet.Protocol;

/// <summary>
/// Applies <c>update2</c>/<c>update3</c> row updates to cached rows, using the table schema to interpret diffs
/// (ovsdb-server(7) §4.1.14, checked against ovsdb-server 3.1):
/// <list type="bullet">
/// <item><c>initial</c>/<c>insert</c> omit columns equal to their default, so the omitted ones get <see cref="ColumnType.DefaultValue"/>.</item>
/// <item><c>modify</c> of a map carries a diff: a pair with the same key and value removes it, a new key adds it, a known
/// key with another value replaces it.</item>
/// <item><c>modify</c> of a set whose max is not 1 carries the symmetric difference of old and new.</item>
/// <item><c>modify</c> of a scalar or optional (0..1) column carries the new value (an empty set clears it).</item>
/// <item><c>delete</c> gives null.</item>
/// </list>
/// Values are normalized to the column types (an integer token in a real column becomes a real). Thread-safe.
/// </summary>
public static class Update2Applier
{
    /// <summary>Applies an update to a row of <paramref name="table"/>, filling defaults for every column of the table.</summary>
    /// <param name="table">The table schema.</param>
    /// <param name="current">The cached row (without <c>_uuid</c>), or null when there is none.</param>
    /// <param name="update">The update.</param>
    /// <returns>The new row, or null when the row was deleted.</returns>
    /// <exception cref="ArgumentException">A modify for a row that is not cached, or a column unknown to the schema or of the wrong type.</exception>
    public static OvsdbRow? Apply(TableSchema table, OvsdbRow? current, RowUpdate2 update) => Apply(table, current, update, columns: null);

    /// <summary>
    /// Applies an update, filling defaults only for <paramref name="columns"/> (the columns the monitor asked for),
    /// or for every column of the table when it is null.
    /// </summary>
    /// <exception cref="ArgumentException">A modify for a row that is not cached, or a column unknown to the schema or of the wrong type.</exception>
    public static OvsdbRow? Apply(TableSchema table, OvsdbRow? current, RowUpdate2 update, IReadOnlyCollection<string>? columns)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(update);
        switch (update.Kind)
        {
            case RowUpdateKind.Delete:
                return null;
            case RowUpdateKind.Initial:
            case RowUpdateKind.Insert:
                return Fill(table, update.Row!, columns);
            default:
                if (current is null)
                {
                    throw new ArgumentException($"Table {table.Name}: a modify arrived for a row that is not cached.", nameof(current));
                }

                return Modify(table, current, update.Row!);
        }
    }

    private static OvsdbRow Fill(TableSchema table, OvsdbRow row, IReadOnlyCollection<string>? columns)
    {
        // Sparse: the row holds what the server sent; the omitted columns read from defaults shared by the table. The
        // sent dictionary itself is shared (rows never change it) unless normalizing changed a value.
        Dictionary<string, OvsdbValue>? result = null;
        if (row.Defaults is null)
        {
            foreach (KeyValuePair<string, OvsdbValue> entry in row.Columns)
            {
                OvsdbValue normalized = Normalize(table, Column(table, entry.Key), entry.Value);
                if (result is null && !normalized.IsIdenticalTo(entry.Value))
                {
                    result = new Dictionary<string, OvsdbValue>(row.Columns, StringComparer.Ordinal);
                }

                if (result is not null)
                {
                    result[entry.Key] = normalized;
                }
            }

            result ??= row.Columns;
        }
        else
        {
            result = new Dictionary<string, OvsdbValue>(row.Count, StringComparer.Ordinal);
            foreach (KeyValuePair<string, OvsdbValue> entry in row)
            {
                result[entry.Key] = Normalize(table, Column(table, entry.Key), entry.Value);
            }
        }

        return OvsdbRow.WrapSparse(result, Defaults(table, columns));
    }

    private static OvsdbRow Modify(TableSchema table, OvsdbRow current, OvsdbRow diff)
    {
        var result = new Dictionary<string, OvsdbValue>(current.Columns, StringComparer.Ordinal);
        foreach (KeyValuePair<string, OvsdbValue> entry in diff)
        {
            ColumnSchema column = Column(table, entry.Key);
            ColumnType type = column.Type;
            OvsdbValue change = Normalize(table, column, entry.Value);
            OvsdbValue old = current.TryGetValue(entry.Key, out OvsdbValue cached) ? cached : type.DefaultValue;
            if (type.IsMap)
            {
                result[entry.Key] = old.AsMap().ApplyDiff(change.AsMap());
            }
            else if (type.IsSet)
            {
                result[entry.Key] = old.AsSet().SymmetricDifference(change.AsSet());
            }
            else
            {
                result[entry.Key] = change;
            }
        }

        return current.Defaults is null ? OvsdbRow.Wrap(result) : OvsdbRow.WrapSparse(result, current.Defaults);
    }

    /// <summary>The defaults of <paramref name="columns"/> (every column when null), built once per table or column list.</summary>
    private static Dictionary<string, OvsdbValue> Defaults(TableSchema table, IReadOnlyCollection<string>? columns)
    {
        if (columns is null)
        {
            return table.Defaults;
        }

        if (ColumnDefaults.TryGetValue(columns, out DefaultsEntry? entry) && ReferenceEquals(entry.Table, table))
        {
            return entry.Values;
        }

        var values = new Dictionary<string, OvsdbValue>(columns.Count, StringComparer.Ordinal);
        foreach (string name in columns)
        {
            values[name] = Column(table, name).Type.DefaultValue;
        }

        ColumnDefaults.AddOrUpdate(columns, new DefaultsEntry(table, values));
        return values;
    }

    private static readonly ConditionalWeakTable<IReadOnlyCollection<string>, DefaultsEntry> ColumnDefaults = new();

    private sealed record DefaultsEntry(TableSchema Table, Dictionary<string, OvsdbValue> Values);

    private static ColumnSchema Column(TableSchema table, string name) =>
        table.TryGetColumn(name, out ColumnSchema? column)
            ? column
            : throw new ArgumentException($"Table {table.Name} has no column '{name}' (is the schema older than the server's?).", nameof(name));

    private static OvsdbValue Normalize(TableSchema table, ColumnSchema column, OvsdbValue value)
    {
        try
        {
            return column.Type.Normalize(value);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"Table {table.Name}, column {column.Name}: {e.Message}", nameof(value), e);
        }
    }
}
