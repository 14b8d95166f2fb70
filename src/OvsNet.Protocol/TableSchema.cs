using System.Diagnostics.CodeAnalysis;

namespace OvsNet.Protocol;

/// <summary>An RFC 7047 §3.2 <c>&lt;table-schema&gt;</c>. Immutable and thread-safe.</summary>
public sealed class TableSchema
{
    // The implicit columns (RFC 7047 §3.2): every table has them, no schema lists them, and clients cannot write them.
    private static readonly ColumnSchema UuidColumnSchema = new(OvsdbRow.UuidColumn, ColumnType.Scalar(OvsdbAtomType.Uuid), mutable: false);
    private static readonly ColumnSchema VersionColumnSchema = new(OvsdbRow.VersionColumn, ColumnType.Scalar(OvsdbAtomType.Uuid), mutable: false);

    private Dictionary<string, OvsdbValue>? defaults; // built on first use (Defaults)

    /// <summary>Creates a table schema.</summary>
    /// <exception cref="ArgumentException">A name is empty, a column is listed twice or is implicit, an index names an unknown column, or maxRows is below 1.</exception>
    public TableSchema(
        string name,
        IEnumerable<ColumnSchema> columns,
        long? maxRows = null,
        bool isRoot = false,
        IReadOnlyList<IReadOnlyList<string>>? indexes = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(columns);
        var byName = new Dictionary<string, ColumnSchema>(StringComparer.Ordinal);
        foreach (ColumnSchema column in columns)
        {
            ArgumentNullException.ThrowIfNull(column, nameof(columns));
            if (column.Name.StartsWith('_'))
            {
                throw new ArgumentException($"Table {name}: column names starting with '_' are reserved (RFC 7047 §3.2), got '{column.Name}'.", nameof(columns));
            }

            if (!byName.TryAdd(column.Name, column))
            {
                throw new ArgumentException($"Table {name} lists the column '{column.Name}' twice.", nameof(columns));
            }
        }

        if (maxRows is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxRows), maxRows, $"Table {name}: maxRows must be at least 1.");
        }

        IReadOnlyList<IReadOnlyList<string>> indexList = indexes?.Select(i => (IReadOnlyList<string>)[.. i]).ToArray() ?? [];
        foreach (IReadOnlyList<string> index in indexList)
        {
            if (index.Count == 0)
            {
                throw new ArgumentException($"Table {name} has an empty index.", nameof(indexes));
            }

            foreach (string column in index)
            {
                if (!byName.ContainsKey(column) && column is not OvsdbRow.UuidColumn)
                {
                    throw new ArgumentException($"Table {name} has an index on the unknown column '{column}'.", nameof(indexes));
                }
            }
        }

        this.Name = name;
        this.Columns = byName;
        this.MaxRows = maxRows;
        this.IsRoot = isRoot;
        this.Indexes = indexList;
    }

    /// <summary>The table name.</summary>
    public string Name { get; }

    /// <summary>The declared columns, without the implicit <c>_uuid</c> and <c>_version</c>.</summary>
    public IReadOnlyDictionary<string, ColumnSchema> Columns { get; }

    /// <summary>The maximum number of rows, or null for no limit.</summary>
    public long? MaxRows { get; }

    /// <summary>
    /// The declared <c>isRoot</c>: true when rows live without being referenced. (ovsdb-server treats every table as
    /// root when no table of the schema declares it; this property keeps what the schema says.)
    /// </summary>
    public bool IsRoot { get; }

    /// <summary>Sets of columns whose values must be unique together.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Indexes { get; }

    /// <summary>Finds a column, including the implicit <c>_uuid</c> and <c>_version</c>.</summary>
    public bool TryGetColumn(string name, [NotNullWhen(true)] out ColumnSchema? column)
    {
        if (this.Columns.TryGetValue(name, out column))
        {
            return true;
        }

        column = name switch
        {
            OvsdbRow.UuidColumn => UuidColumnSchema,
            OvsdbRow.VersionColumn => VersionColumnSchema,
            _ => null,
        };
        return column is not null;
    }

    /// <summary>Gets a column, including the implicit ones.</summary>
    /// <exception cref="ArgumentException">The table has no such column.</exception>
    public ColumnSchema GetColumn(string name) => this.TryGetColumn(name, out ColumnSchema? column)
        ? column
        : throw new ArgumentException($"Table {this.Name} has no column '{name}'.", nameof(name));

    /// <summary>
    /// Checks a row that is to be written: every column must exist and not be implicit, every value must fit its
    /// type, and (when <paramref name="forInsert"/> is false, as for update) immutable columns must be absent.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    /// <exception cref="ArgumentException">The row does not fit; the message names the table, column and constraint.</exception>
    public void ValidateRow(OvsdbRow row, bool forInsert)
    {
        ArgumentNullException.ThrowIfNull(row);
        foreach (KeyValuePair<string, OvsdbValue> entry in row.EnumerateColumns())
        {
            if (!this.Columns.TryGetValue(entry.Key, out ColumnSchema? column))
            {
                throw new ArgumentException(
                    entry.Key is OvsdbRow.UuidColumn or OvsdbRow.VersionColumn
                        ? $"Table {this.Name}: column {entry.Key} cannot be written (it is maintained by the server)."
                        : $"Table {this.Name} has no column '{entry.Key}'.",
                    nameof(row));
            }

            if (!forInsert && !column.Mutable)
            {
                throw new ArgumentException($"Table {this.Name}: column {column.Name} is immutable and can only be set by insert.", nameof(row));
            }

            if (column.Type.Validate(entry.Value) is string error)
            {
                throw new ArgumentException($"Table {this.Name}, column {column.Name} ({column.Type}): {error}.", nameof(row));
            }
        }
    }

    /// <summary>Every column's default value, in column order (shared by sparse rows; never mutated).</summary>
    internal Dictionary<string, OvsdbValue> Defaults
    {
        get
        {
            Dictionary<string, OvsdbValue>? defaults = Volatile.Read(ref this.defaults);
            if (defaults is null)
            {
                defaults = new Dictionary<string, OvsdbValue>(this.Columns.Count, StringComparer.Ordinal);
                foreach (ColumnSchema column in this.Columns.Values)
                {
                    defaults[column.Name] = column.Type.DefaultValue;
                }

                defaults = Interlocked.CompareExchange(ref this.defaults, defaults, null) ?? defaults;
            }

            return defaults;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => this.Name;
}
