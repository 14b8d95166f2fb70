using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// A row (RFC 7047 §5.1 <c>&lt;row&gt;</c>): column names mapped to values, written as a JSON object. Column order
/// is kept as given; equality ignores it. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Rows built from monitor updates (<see cref="Update2Applier"/>) are stored sparsely: only the columns the server sent
/// are held per row, and the omitted columns read as their defaults from one dictionary shared by every row of the
/// table. That is invisible to callers (indexer, enumeration, count and equality see every column) and is what keeps a
/// replica's memory per row close to the size of what the server sent.
/// </remarks>
[JsonConverter(typeof(OvsdbRowConverter))]
public sealed class OvsdbRow : IReadOnlyDictionary<string, OvsdbValue>, IEquatable<OvsdbRow>
{
    /// <summary>The name of the implicit row id column (RFC 7047 §3.2).</summary>
    public const string UuidColumn = "_uuid";

    /// <summary>The name of the implicit row version column (RFC 7047 §3.2).</summary>
    public const string VersionColumn = "_version";

    private readonly Dictionary<string, OvsdbValue> columns;

    // Sparse rows: the columns not in this.columns read from here (shared, never mutated). this.count is the logical count.
    private readonly Dictionary<string, OvsdbValue>? defaults;
    private readonly int count;

    /// <summary>Creates a row.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="columns"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null, empty, has a lone surrogate or NUL, or occurs twice.</exception>
    public OvsdbRow(IEnumerable<KeyValuePair<string, OvsdbValue>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        this.columns = new Dictionary<string, OvsdbValue>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, OvsdbValue> column in columns)
        {
            if (string.IsNullOrEmpty(column.Key))
            {
                throw new ArgumentException("A row's column name must not be null or empty.", nameof(columns));
            }

            OvsdbStrings.Check(column.Key, "column name", nameof(columns));

            if (!this.columns.TryAdd(column.Key, column.Value))
            {
                throw new ArgumentException($"The row contains the column '{column.Key}' twice.", nameof(columns));
            }
        }

        this.count = this.columns.Count;
    }

    private OvsdbRow(Dictionary<string, OvsdbValue> columns)
    {
        this.columns = columns;
        this.count = columns.Count;
    }

    private OvsdbRow(Dictionary<string, OvsdbValue> columns, Dictionary<string, OvsdbValue> defaults)
    {
        this.columns = columns;
        this.defaults = defaults;
        int count = defaults.Count;
        foreach (KeyValuePair<string, OvsdbValue> column in columns) // not .Keys: the dictionary would keep that view
        {
            if (!defaults.ContainsKey(column.Key))
            {
                count++;
            }
        }

        this.count = count;
    }

    /// <summary>The row with no columns.</summary>
    public static OvsdbRow Empty { get; } = new(new Dictionary<string, OvsdbValue>(StringComparer.Ordinal));

    /// <summary>The number of columns.</summary>
    public int Count => this.count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => this.defaults is null ? this.columns.Keys : this.Select(c => c.Key);

    /// <inheritdoc/>
    public IEnumerable<OvsdbValue> Values => this.defaults is null ? this.columns.Values : this.Select(c => c.Value);

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">The row has no such column.</exception>
    public OvsdbValue this[string key] => this.TryGetValue(key, out OvsdbValue value)
        ? value
        : throw new KeyNotFoundException($"The row has no column '{key}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => this.columns.ContainsKey(key) || (this.defaults is not null && this.defaults.ContainsKey(key));

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out OvsdbValue value)
        => this.columns.TryGetValue(key, out value) || (this.defaults is not null && this.defaults.TryGetValue(key, out value));

    /// <summary>A copy with <paramref name="column"/> set to <paramref name="value"/> (added or replaced).</summary>
    /// <exception cref="ArgumentException"><paramref name="column"/> is null or empty, or has a lone surrogate or NUL.</exception>
    public OvsdbRow With(string column, OvsdbValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        OvsdbStrings.Check(column, "column name", nameof(column));
        var copy = new Dictionary<string, OvsdbValue>(this.columns, StringComparer.Ordinal) { [column] = value };
        return this.defaults is null ? new OvsdbRow(copy) : new OvsdbRow(copy, this.defaults);
    }

    /// <summary>A copy with every column of <paramref name="changes"/> set (added or replaced).</summary>
    public OvsdbRow WithAll(OvsdbRow changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return this;
        }

        var copy = new Dictionary<string, OvsdbValue>(this.columns, StringComparer.Ordinal);
        foreach (KeyValuePair<string, OvsdbValue> change in changes)
        {
            copy[change.Key] = change.Value;
        }

        return this.defaults is null ? new OvsdbRow(copy) : new OvsdbRow(copy, this.defaults);
    }

    /// <summary>A copy without <paramref name="column"/>.</summary>
    public OvsdbRow Without(string column)
    {
        if (!this.ContainsKey(column))
        {
            return this;
        }

        Dictionary<string, OvsdbValue> copy = this.defaults is null
            ? new Dictionary<string, OvsdbValue>(this.columns, StringComparer.Ordinal)
            : new Dictionary<string, OvsdbValue>(this, StringComparer.Ordinal);
        copy.Remove(column);
        return new OvsdbRow(copy);
    }

    /// <summary>The row's <c>_uuid</c>, or null when the row has none (or it is not a uuid).</summary>
    public OvsdbUuid? TryGetUuid() => this.TryGetUuid(out OvsdbUuid uuid) ? uuid : null;

    /// <summary>Gets the row's <c>_uuid</c>.</summary>
    public bool TryGetUuid(out OvsdbUuid uuid)
    {
        if (this.TryGetValue(UuidColumn, out OvsdbValue value) && value.TryGetAtom(out OvsdbAtom atom)
            && atom.Type == OvsdbAtomType.Uuid && !atom.IsNamedUuid)
        {
            uuid = atom.AsUuid();
            return true;
        }

        uuid = default;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, OvsdbValue>> GetEnumerator() => this.defaults is null ? this.columns.GetEnumerator() : this.EnumerateColumns();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => this.GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(OvsdbRow? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != this.Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, OvsdbValue> column in this.EnumerateColumns())
        {
            if (!other.TryGetValue(column.Key, out OvsdbValue value) || !value.Equals(column.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbRow other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = 0;
        foreach (KeyValuePair<string, OvsdbValue> column in this.EnumerateColumns())
        {
            hash = unchecked(hash + HashCode.Combine(StringComparer.Ordinal.GetHashCode(column.Key), column.Value));
        }

        return hash;
    }

    /// <summary>A readable form such as <c>{name=br0, ports={}}</c>.</summary>
    public override string ToString() => "{" + string.Join(", ", this.Select(c => $"{c.Key}={c.Value}")) + "}";

    /// <summary>
    /// The columns held by this row itself, without boxing an enumerator (for converters): every column unless
    /// <see cref="Defaults"/> is set, in which case the others read from there.
    /// </summary>
    internal Dictionary<string, OvsdbValue> Columns => this.columns;

    /// <summary>The shared defaults of a sparse row (see the remarks), or null for a plain row.</summary>
    internal Dictionary<string, OvsdbValue>? Defaults => this.defaults;

    /// <summary>Wraps a dictionary the caller gives up (JSON reader, applier).</summary>
    internal static OvsdbRow Wrap(Dictionary<string, OvsdbValue> columns) => columns.Count == 0 ? Empty : new OvsdbRow(columns);

    /// <summary>
    /// A sparse row: <paramref name="columns"/> (given up by the caller, shared with other immutable rows at most) over
    /// <paramref name="defaults"/> (shared, never mutated; its order is the row's column order).
    /// </summary>
    internal static OvsdbRow WrapSparse(Dictionary<string, OvsdbValue> columns, Dictionary<string, OvsdbValue> defaults) => new(columns, defaults);

    /// <summary>Every column, in order, without boxing (for converters and equality); sparse rows included.</summary>
    internal ColumnEnumerator EnumerateColumns() => new(this.columns, this.defaults, this.count);

    /// <summary>
    /// The row's columns: a plain row's own, or a sparse row's defaults in their order with its own values in place,
    /// then any of its own columns that have no default.
    /// </summary>
    internal struct ColumnEnumerator : IEnumerator<KeyValuePair<string, OvsdbValue>>
    {
        private readonly Dictionary<string, OvsdbValue> columns;
        private readonly Dictionary<string, OvsdbValue>? defaults;
        private readonly bool hasExtras;
        private Dictionary<string, OvsdbValue>.Enumerator main; // the defaults (sparse row) or the columns (plain row)
        private Dictionary<string, OvsdbValue>.Enumerator extras;
        private bool inExtras;

        internal ColumnEnumerator(Dictionary<string, OvsdbValue> columns, Dictionary<string, OvsdbValue>? defaults, int count)
        {
            this.columns = columns;
            this.defaults = defaults;
            this.hasExtras = defaults is not null && count != defaults.Count;
            this.main = (defaults ?? columns).GetEnumerator();
            this.extras = columns.GetEnumerator();
            this.inExtras = false;
            this.Current = default;
        }

        /// <inheritdoc/>
        public KeyValuePair<string, OvsdbValue> Current { get; private set; }

        /// <inheritdoc/>
        readonly object IEnumerator.Current => this.Current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly ColumnEnumerator GetEnumerator() => this;

        /// <inheritdoc/>
        public bool MoveNext()
        {
            if (!this.inExtras)
            {
                if (this.main.MoveNext())
                {
                    KeyValuePair<string, OvsdbValue> column = this.main.Current;
                    this.Current = this.defaults is not null && this.columns.TryGetValue(column.Key, out OvsdbValue value) ? new(column.Key, value) : column;
                    return true;
                }

                if (!this.hasExtras)
                {
                    return false;
                }

                this.inExtras = true;
            }

            while (this.extras.MoveNext())
            {
                if (!this.defaults!.ContainsKey(this.extras.Current.Key))
                {
                    this.Current = this.extras.Current;
                    return true;
                }
            }

            return false;
        }

        /// <inheritdoc/>
        public readonly void Reset() => throw new NotSupportedException();

        /// <inheritdoc/>
        public readonly void Dispose()
        {
        }
    }
}
