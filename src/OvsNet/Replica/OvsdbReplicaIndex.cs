using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// A client-defined index of a replica table: on one or more columns (<see cref="OnColumns(string, string[])"/>), or on
/// the value of one key of a map column (<see cref="OnMapKey(string, string, OvsdbAtom)"/>, for example
/// <c>external_ids:iface-id</c>). The schema's own indexes are always built as well, named by their columns joined
/// with commas (<c>name</c>). Indexes need not be unique: a lookup returns every row with the key.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbReplicaIndex
{
    private OvsdbReplicaIndex(string table, string name, IReadOnlyList<string> columns, OvsdbAtom? mapKey)
    {
        this.Table = table;
        this.Name = name;
        this.Columns = columns;
        this.MapKey = mapKey;
    }

    /// <summary>Gets the table.</summary>
    public string Table { get; }

    /// <summary>Gets the index name used in lookups (by default the columns joined with commas, or <c>column:key</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the indexed columns (one for a map-key index).</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Gets the map key whose value is indexed, or null for a column index.</summary>
    public OvsdbAtom? MapKey { get; }

    /// <summary>An index on the values of <paramref name="columns"/> (their combination is the key).</summary>
    /// <param name="table">The table.</param>
    /// <param name="columns">The columns, at least one.</param>
    /// <returns>The index, named by its columns joined with commas.</returns>
    /// <exception cref="ArgumentException">No column, or an empty name.</exception>
    public static OvsdbReplicaIndex OnColumns(string table, params string[] columns)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentNullException.ThrowIfNull(columns);
        if (columns.Length == 0 || columns.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("An index needs at least one column, and no empty column name.", nameof(columns));
        }

        return new OvsdbReplicaIndex(table, string.Join(',', columns), [.. columns], null);
    }

    /// <summary>An index on the value that the map column <paramref name="column"/> holds for <paramref name="key"/>; rows without the key are not indexed.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The map column.</param>
    /// <param name="key">The key (a string converts implicitly).</param>
    /// <returns>The index, named <c>column:key</c>.</returns>
    public static OvsdbReplicaIndex OnMapKey(string table, string column, OvsdbAtom key)
    {
        ArgumentException.ThrowIfNullOrEmpty(table);
        ArgumentException.ThrowIfNullOrEmpty(column);
        string keyText = key.Type == OvsdbAtomType.String ? key.AsString() : key.ToString();
        return new OvsdbReplicaIndex(table, column + ":" + keyText, [column], key);
    }

    /// <summary>A typed <see cref="OnColumns(string, string[])"/>: <c>OvsdbReplicaIndex.OnColumns(Port.Columns.Tag)</c>.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="columns">The columns.</param>
    /// <returns>The index.</returns>
    public static OvsdbReplicaIndex OnColumns<T>(params OvsdbColumn<T>[] columns)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(columns);
        return OnColumns(T.TableName, [.. columns.Select(c => c.Name)]);
    }

    /// <summary>A typed <see cref="OnMapKey(string, string, OvsdbAtom)"/>: <c>OvsdbReplicaIndex.OnMapKey(Interface.Columns.ExternalIds, "iface-id")</c>.</summary>
    /// <typeparam name="T">The model.</typeparam>
    /// <param name="column">The map column.</param>
    /// <param name="key">The key.</param>
    /// <returns>The index.</returns>
    public static OvsdbReplicaIndex OnMapKey<T>(OvsdbColumn<T> column, OvsdbAtom key)
        where T : IOvsdbModel<T>
    {
        ArgumentNullException.ThrowIfNull(column);
        return OnMapKey(T.TableName, column.Name, key);
    }

    /// <summary>A copy with another name.</summary>
    /// <param name="name">The name used in lookups.</param>
    /// <returns>The renamed index.</returns>
    public OvsdbReplicaIndex Named(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new OvsdbReplicaIndex(this.Table, name, this.Columns, this.MapKey);
    }

    /// <inheritdoc/>
    public override string ToString() => $"{this.Table}[{this.Name}]";

    /// <summary>Computes a row's key; false when the row is not indexed (a map-key index whose key the row lacks).</summary>
    internal bool TryGetKey(OvsdbRow row, out IndexKey key)
    {
        if (this.MapKey is OvsdbAtom mapKey)
        {
            if (row.TryGetValue(this.Columns[0], out OvsdbValue value) && value.Kind == OvsdbValueKind.Map
                && value.AsMap().TryGetValue(mapKey, out OvsdbAtom mapped))
            {
                key = new IndexKey(mapped);
                return true;
            }

            key = default;
            return false;
        }

        if (this.Columns.Count == 1)
        {
            key = new IndexKey(row.TryGetValue(this.Columns[0], out OvsdbValue value) ? value : OvsdbValue.EmptySet);
            return true;
        }

        var values = new OvsdbValue[this.Columns.Count];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = row.TryGetValue(this.Columns[i], out OvsdbValue value) ? value : OvsdbValue.EmptySet;
        }

        key = new IndexKey(values);
        return true;
    }

    /// <summary>The conditions that select, on the server, the rows with this key (for the optimistic-transaction verify).</summary>
    internal OvsdbCondition[] ToConditions(IReadOnlyList<OvsdbValue> key)
    {
        if (this.MapKey is OvsdbAtom mapKey)
        {
            return [OvsdbCondition.Includes(this.Columns[0], new OvsdbMap([new(mapKey, key[0].AsAtom())]))];
        }

        var conditions = new OvsdbCondition[this.Columns.Count];
        for (int i = 0; i < conditions.Length; i++)
        {
            conditions[i] = OvsdbCondition.Equal(this.Columns[i], key[i]);
        }

        return conditions;
    }
}
