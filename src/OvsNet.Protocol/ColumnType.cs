namespace OvsNet.Protocol;

/// <summary>
/// An RFC 7047 §3.2 <c>&lt;type&gt;</c>: a key base type, an optional value base type (for maps), and the number of
/// elements allowed. Immutable and thread-safe.
/// </summary>
public sealed class ColumnType
{
    /// <summary>Creates a column type.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="min"/> is not 0 or 1, or <paramref name="max"/> is below 1 or below min.</exception>
    public ColumnType(BaseType key, BaseType? value = null, long min = 1, long? max = 1)
    {
        ArgumentNullException.ThrowIfNull(key);

        // RFC 7047 §3.2: "min ... must be exactly 0 or 1"; "max ... must be at least 1 and at least min".
        if (min is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(min), min, "An OVSDB type's min must be 0 or 1.");
        }

        if (max is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, "An OVSDB type's max must be at least 1 (or null for \"unlimited\").");
        }

        this.Key = key;
        this.Value = value;
        this.Min = min;
        this.Max = max;
        this.DefaultValue = this.ComputeDefault();
    }

    /// <summary>The key (or only) base type.</summary>
    public BaseType Key { get; }

    /// <summary>The value base type of a map, or null.</summary>
    public BaseType? Value { get; }

    /// <summary>The minimum number of elements (0 or 1).</summary>
    public long Min { get; }

    /// <summary>The maximum number of elements; null means "unlimited".</summary>
    public long? Max { get; }

    /// <summary>True for a map.</summary>
    public bool IsMap => this.Value is not null;

    /// <summary>True for a set that may hold other than exactly one element and is not optional (max is not 1, no value type).</summary>
    public bool IsSet => this.Value is null && this.Max != 1;

    /// <summary>True for an optional value (min 0, max 1).</summary>
    public bool IsOptional => this.Min == 0 && this.Max == 1;

    /// <summary>True for exactly one value (min 1, max 1).</summary>
    public bool IsScalar => this.Min == 1 && this.Max == 1;

    /// <summary>
    /// The value a new row gets when an insert leaves the column out, and what <c>update2</c> <c>initial</c>/<c>insert</c>
    /// omit: the empty set or map when min is 0, the key type's default atom (or a one-pair map of defaults) when it is 1.
    /// </summary>
    public OvsdbValue DefaultValue { get; }

    /// <summary>Creates the type of a scalar column of an unconstrained atomic type.</summary>
    public static ColumnType Scalar(OvsdbAtomType type) => new(new BaseType(type));

    /// <summary>Checks a value against this type: shape, element count, and every atom's constraints.</summary>
    /// <returns>Null when the value is valid, or a message saying what is wrong.</returns>
    public string? Validate(OvsdbValue value)
    {
        int count;
        if (this.IsMap)
        {
            if (value.Kind != OvsdbValueKind.Map)
            {
                return $"expected a map ([\"map\",[...]]), got {(value.Kind == OvsdbValueKind.Set ? "a set" : "an atom")}";
            }

            OvsdbMap map = value.AsMap();
            count = map.Count;
            foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> pair in map.Pairs)
            {
                if ((this.Key.Validate(pair.Key) ?? this.Value!.Validate(pair.Value)) is string error)
                {
                    return error;
                }
            }
        }
        else
        {
            if (value.Kind == OvsdbValueKind.Map)
            {
                return "expected " + this.Describe() + ", got a map";
            }

            if (value.Kind == OvsdbValueKind.Atom)
            {
                count = 1;
                if (this.Key.Validate(value.AsAtom()) is string error)
                {
                    return error;
                }
            }
            else
            {
                OvsdbSet set = value.AsSet();
                count = set.Count;
                foreach (OvsdbAtom atom in set.Items)
                {
                    if (this.Key.Validate(atom) is string error)
                    {
                        return error;
                    }
                }
            }
        }

        if (count < this.Min || count > this.Max)
        {
            return $"{count} {(this.IsMap ? "pairs" : "values")} where {this.Describe()} allows {this.Min} to {(this.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited")}";
        }

        return null;
    }

    /// <summary>
    /// Converts a value to this type's representation: numbers to the column's numeric type, a scalar to a bare
    /// atom, sets and optionals to sets. Useful before comparing values read without a schema.
    /// </summary>
    /// <exception cref="ArgumentException">The value does not have this type's shape or atomic types.</exception>
    public OvsdbValue Normalize(OvsdbValue value)
    {
        if (this.IsMap)
        {
            OvsdbMap map = value.Kind == OvsdbValueKind.Map
                ? value.AsMap()
                : throw new ArgumentException($"Expected a map for {this.Describe()}.", nameof(value));
            BaseType valueType = this.Value!;
            if (this.Key.Type is not (OvsdbAtomType.Real or OvsdbAtomType.Integer) && valueType.Type is not (OvsdbAtomType.Real or OvsdbAtomType.Integer))
            {
                return value;
            }

            ReadOnlySpan<KeyValuePair<OvsdbAtom, OvsdbAtom>> pairs = map.Pairs;
            var normalized = new KeyValuePair<OvsdbAtom, OvsdbAtom>[pairs.Length];
            for (int i = 0; i < pairs.Length; i++)
            {
                normalized[i] = new KeyValuePair<OvsdbAtom, OvsdbAtom>(this.Key.Normalize(pairs[i].Key), valueType.Normalize(pairs[i].Value));
            }

            return new OvsdbMap(normalized);
        }

        if (value.Kind == OvsdbValueKind.Map)
        {
            throw new ArgumentException($"Expected {this.Describe()}, got a map.", nameof(value));
        }

        if (this.IsScalar)
        {
            return this.Key.Normalize(value.AsAtom());
        }

        OvsdbSet set = value.AsSet();
        if (this.Key.Type is not (OvsdbAtomType.Real or OvsdbAtomType.Integer))
        {
            return set;
        }

        ReadOnlySpan<OvsdbAtom> items = set.Items;
        var atoms = new OvsdbAtom[items.Length];
        for (int i = 0; i < items.Length; i++)
        {
            atoms[i] = this.Key.Normalize(items[i]);
        }

        return new OvsdbSet(atoms);
    }

    /// <summary>A short description such as <c>set of 0 to unlimited uuid</c>.</summary>
    public override string ToString() => this.Describe();

    private string Describe()
    {
        if (this.IsScalar && !this.IsMap)
        {
            return this.Key.ToString();
        }

        string max = this.Max?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unlimited";
        return this.IsMap ? $"map of {this.Min} to {max} {this.Key}-{this.Value} pairs" : $"set of {this.Min} to {max} {this.Key}";
    }

    private OvsdbValue ComputeDefault()
    {
        if (this.Min == 0)
        {
            return this.IsMap ? new OvsdbValue(OvsdbMap.Empty) : OvsdbValue.EmptySet;
        }

        return this.IsMap
            ? new OvsdbValue(new OvsdbMap([new(this.Key.DefaultAtom, this.Value!.DefaultAtom)]))
            : new OvsdbValue(this.Key.DefaultAtom);
    }
}
