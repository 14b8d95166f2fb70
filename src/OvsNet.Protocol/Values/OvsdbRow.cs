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

    private readonly Dictionary<string, OvsdbValue> _columns;

    // Sparse rows: the columns not in _columns read from here (shared, never mutated). _count is the logical count.
    private readonly Dictionary<string, OvsdbValue>? _defaults;
    private readonly int _count;

    /// <summary>Creates a row.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="columns"/> is null.</exception>
    /// <exception cref="ArgumentException">A column name is null, empty, has a lone surrogate or NUL, or occurs twice.</exception>
    public OvsdbRow(IEnumerable<KeyValuePair<string, OvsdbValue>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = new Dictionary<string, OvsdbValue>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, OvsdbValue> column in columns)
        {
            if (string.IsNullOrEmpty(column.Key))
            {
                throw new ArgumentException("A row's column name must not be null or empty.", nameof(columns));
            }

            OvsdbStrings.Check(column.Key, "column name", nameof(columns));

            if (!_columns.TryAdd(column.Key, column.Value))
            {
                throw new ArgumentException($"The row contains the column '{column.Key}' twice.", nameof(columns));
            }
        }

        _count = _columns.Count;
    }

    private OvsdbRow(Dictionary<string, OvsdbValue> columns)
    {
        _columns = columns;
        _count = columns.Count;
    }

    private OvsdbRow(Dictionary<string, OvsdbValue> columns, Dictionary<string, OvsdbValue> defaults)
    {
        _columns = columns;
        _defaults = defaults;
        int count = defaults.Count;
        foreach (KeyValuePair<string, OvsdbValue> column in columns) // not .Keys: the dictionary would keep that view
        {
            if (!defaults.ContainsKey(column.Key))
            {
                count++;
            }
        }

        _count = count;
    }

    /// <summary>The row with no columns.</summary>
    public static OvsdbRow Empty { get; } = new(new Dictionary<string, OvsdbValue>(StringComparer.Ordinal));

    /// <summary>The number of columns.</summary>
    public int Count => _count;

    /// <inheritdoc/>
    public IEnumerable<string> Keys => _defaults is null ? _columns.Keys : this.Select(c => c.Key);

    /// <inheritdoc/>
    public IEnumerable<OvsdbValue> Values => _defaults is null ? _columns.Values : this.Select(c => c.Value);

    /// <inheritdoc/>
    /// <exception cref="KeyNotFoundException">The row has no such column.</exception>
    public OvsdbValue this[string key] => TryGetValue(key, out OvsdbValue value)
        ? value
        : throw new KeyNotFoundException($"The row has no column '{key}'.");

    /// <inheritdoc/>
    public bool ContainsKey(string key) => _columns.ContainsKey(key) || (_defaults is not null && _defaults.ContainsKey(key));

    /// <inheritdoc/>
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out OvsdbValue value)
        => _columns.TryGetValue(key, out value) || (_defaults is not null && _defaults.TryGetValue(key, out value));

    /// <summary>A copy with <paramref name="column"/> set to <paramref name="value"/> (added or replaced).</summary>
    /// <exception cref="ArgumentException"><paramref name="column"/> is null or empty, or has a lone surrogate or NUL.</exception>
    public OvsdbRow With(string column, OvsdbValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        OvsdbStrings.Check(column, "column name", nameof(column));
        var copy = new Dictionary<string, OvsdbValue>(_columns, StringComparer.Ordinal) { [column] = value };
        return _defaults is null ? new OvsdbRow(copy) : new OvsdbRow(copy, _defaults);
    }

    /// <summary>A copy with every column of <paramref name="changes"/> set (added or replaced).</summary>
    public OvsdbRow WithAll(OvsdbRow changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return this;
        }

        var copy = new Dictionary<string, OvsdbValue>(_columns, StringComparer.Ordinal);
        foreach (KeyValuePair<string, OvsdbValue> change in changes)
        {
            copy[change.Key] = change.Value;
        }

        return _defaults is null ? new OvsdbRow(copy) : new OvsdbRow(copy, _defaults);
    }

    /// <summary>A copy without <paramref name="column"/>.</summary>
    public OvsdbRow Without(string column)
    {
        if (!ContainsKey(column))
        {
            return this;
        }

        Dictionary<string, OvsdbValue> copy = _defaults is null
            ? new Dictionary<string, OvsdbValue>(_columns, StringComparer.Ordinal)
            : new Dictionary<string, OvsdbValue>(this, StringComparer.Ordinal);
        copy.Remove(column);
        return new OvsdbRow(copy);
    }

    /// <summary>The row's <c>_uuid</c>, or null when the row has none (or it is not a uuid).</summary>
    public OvsdbUuid? TryGetUuid() => TryGetUuid(out OvsdbUuid uuid) ? uuid : null;

    /// <summary>Gets the row's <c>_uuid</c>.</summary>
    public bool TryGetUuid(out OvsdbUuid uuid)
    {
        if (TryGetValue(UuidColumn, out OvsdbValue value) && value.TryGetAtom(out OvsdbAtom atom)
            && atom.Type == OvsdbAtomType.Uuid && !atom.IsNamedUuid)
        {
            uuid = atom.AsUuid();
            return true;
        }

        uuid = default;
        return false;
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, OvsdbValue>> GetEnumerator() => _defaults is null ? _columns.GetEnumerator() : EnumerateColumns();

    /// <inheritdoc/>
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public bool Equals(OvsdbRow? other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (other is null || other.Count != Count)
        {
            return false;
        }

        foreach (KeyValuePair<string, OvsdbValue> column in EnumerateColumns())
        {
            if (!other.TryGetValue(column.Key, out OvsdbValue value) || !value.Equals(column.Value))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbRow other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        int hash = 0;
        foreach (KeyValuePair<string, OvsdbValue> column in EnumerateColumns())
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
    internal Dictionary<string, OvsdbValue> Columns => _columns;

    /// <summary>The shared defaults of a sparse row (see the remarks), or null for a plain row.</summary>
    internal Dictionary<string, OvsdbValue>? Defaults => _defaults;

    /// <summary>Wraps a dictionary the caller gives up (JSON reader, applier).</summary>
    internal static OvsdbRow Wrap(Dictionary<string, OvsdbValue> columns) => columns.Count == 0 ? Empty : new OvsdbRow(columns);

    /// <summary>
    /// A sparse row: <paramref name="columns"/> (given up by the caller, shared with other immutable rows at most) over
    /// <paramref name="defaults"/> (shared, never mutated; its order is the row's column order).
    /// </summary>
    internal static OvsdbRow WrapSparse(Dictionary<string, OvsdbValue> columns, Dictionary<string, OvsdbValue> defaults) => new(columns, defaults);

    /// <summary>Every column, in order, without boxing (for converters and equality); sparse rows included.</summary>
    internal ColumnEnumerator EnumerateColumns() => new(_columns, _defaults, _count);

    /// <summary>
    /// The row's columns: a plain row's own, or a sparse row's defaults in their order with its own values in place,
    /// then any of its own columns that have no default.
    /// </summary>
    internal struct ColumnEnumerator : IEnumerator<KeyValuePair<string, OvsdbValue>>
    {
        private readonly Dictionary<string, OvsdbValue> _columns;
        private readonly Dictionary<string, OvsdbValue>? _defaults;
        private readonly bool _hasExtras;
        private Dictionary<string, OvsdbValue>.Enumerator _main; // the defaults (sparse row) or the columns (plain row)
        private Dictionary<string, OvsdbValue>.Enumerator _extras;
        private bool _inExtras;

        internal ColumnEnumerator(Dictionary<string, OvsdbValue> columns, Dictionary<string, OvsdbValue>? defaults, int count)
        {
            _columns = columns;
            _defaults = defaults;
            _hasExtras = defaults is not null && count != defaults.Count;
            _main = (defaults ?? columns).GetEnumerator();
            _extras = columns.GetEnumerator();
            _inExtras = false;
            Current = default;
        }

        /// <inheritdoc/>
        public KeyValuePair<string, OvsdbValue> Current { get; private set; }

        /// <inheritdoc/>
        readonly object IEnumerator.Current => Current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly ColumnEnumerator GetEnumerator() => this;

        /// <inheritdoc/>
        public bool MoveNext()
        {
            if (!_inExtras)
            {
                if (_main.MoveNext())
                {
                    KeyValuePair<string, OvsdbValue> column = _main.Current;
                    Current = _defaults is not null && _columns.TryGetValue(column.Key, out OvsdbValue value) ? new(column.Key, value) : column;
                    return true;
                }

                if (!_hasExtras)
                {
                    return false;
                }

                _inExtras = true;
            }

            while (_extras.MoveNext())
            {
                if (!_defaults!.ContainsKey(_extras.Current.Key))
                {
                    Current = _extras.Current;
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
