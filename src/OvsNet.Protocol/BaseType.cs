using System.Globalization;
using System.Text;

namespace OvsNet.Protocol;

/// <summary>
/// An RFC 7047 §3.2 <c>&lt;base-type&gt;</c>: an atomic type with its constraints. Immutable and thread-safe.
/// </summary>
public sealed class BaseType
{
    /// <summary>Creates a base type; constraints that do not apply to <paramref name="type"/> must be null.</summary>
    /// <exception cref="ArgumentException">A constraint does not fit the type, or a minimum exceeds its maximum.</exception>
    public BaseType(
        OvsdbAtomType type,
        IReadOnlyList<OvsdbAtom>? @enum = null,
        long? minInteger = null,
        long? maxInteger = null,
        double? minReal = null,
        double? maxReal = null,
        long? minLength = null,
        long? maxLength = null,
        string? refTable = null,
        RefType refType = RefType.Strong)
    {
        Require(type == OvsdbAtomType.Integer || (minInteger is null && maxInteger is null), "minInteger/maxInteger apply only to integer");
        Require(type == OvsdbAtomType.Real || (minReal is null && maxReal is null), "minReal/maxReal apply only to real");
        Require(type == OvsdbAtomType.String || (minLength is null && maxLength is null), "minLength/maxLength apply only to string");
        Require(type == OvsdbAtomType.Uuid || (refTable is null && refType == RefType.Strong), "refTable/refType apply only to uuid");
        Require(!(minInteger > maxInteger), $"minInteger {minInteger} exceeds maxInteger {maxInteger}");
        Require(!(minReal > maxReal), $"minReal {minReal} exceeds maxReal {maxReal}");
        Require(!(minLength > maxLength), $"minLength {minLength} exceeds maxLength {maxLength}");
        Require(!(minLength < 0), "minLength must not be negative");
        Require(refTable is null || refTable.Length > 0, "refTable must not be empty");
        if (@enum is not null)
        {
            var normalized = new OvsdbAtom[@enum.Count];
            for (int i = 0; i < normalized.Length; i++)
            {
                normalized[i] = TryNormalize(type, @enum[i], out OvsdbAtom n)
                    ? n
                    : throw new ArgumentException($"The enum value {@enum[i]} is not of type {TypeName(type)}.", nameof(@enum));
            }

            this.Enum = normalized;
        }

        this.Type = type;
        this.MinInteger = minInteger;
        this.MaxInteger = maxInteger;
        this.MinReal = minReal;
        this.MaxReal = maxReal;
        this.MinLength = minLength;
        this.MaxLength = maxLength;
        this.RefTable = refTable;
        this.RefType = refType;
    }

    /// <summary>The atomic type.</summary>
    public OvsdbAtomType Type { get; }

    /// <summary>The allowed values, or null when any value of the type is allowed.</summary>
    public IReadOnlyList<OvsdbAtom>? Enum { get; }

    /// <summary>The smallest allowed integer, or null.</summary>
    public long? MinInteger { get; }

    /// <summary>The largest allowed integer, or null.</summary>
    public long? MaxInteger { get; }

    /// <summary>The smallest allowed real, or null.</summary>
    public double? MinReal { get; }

    /// <summary>The largest allowed real, or null.</summary>
    public double? MaxReal { get; }

    /// <summary>The shortest allowed string length in Unicode characters (code points), or null.</summary>
    public long? MinLength { get; }

    /// <summary>The longest allowed string length in Unicode characters (code points), or null.</summary>
    public long? MaxLength { get; }

    /// <summary>The table a uuid refers to, or null.</summary>
    public string? RefTable { get; }

    /// <summary>Strong or weak reference (meaningful only with <see cref="RefTable"/>).</summary>
    public RefType RefType { get; }

    /// <summary>The type's default atom (RFC 7047 §5.1 is silent; ovsdb-server uses 0, 0.0, false, "" and the zero uuid).</summary>
    public OvsdbAtom DefaultAtom => this.Type switch
    {
        OvsdbAtomType.Integer => OvsdbAtom.Integer(0),
        OvsdbAtomType.Real => OvsdbAtom.Real(0),
        OvsdbAtomType.Boolean => OvsdbAtom.Boolean(false),
        OvsdbAtomType.String => OvsdbAtom.String(string.Empty),
        _ => OvsdbAtom.Uuid(OvsdbUuid.Zero),
    };

    /// <summary>True when the type has no constraints beyond its atomic type.</summary>
    public bool IsUnconstrained => this.Enum is null && this.MinInteger is null && this.MaxInteger is null && this.MinReal is null
        && this.MaxReal is null && this.MinLength is null && this.MaxLength is null && this.RefTable is null;

    /// <summary>The RFC name of an atomic type (<c>"integer"</c>, <c>"real"</c>...).</summary>
    public static string TypeName(OvsdbAtomType type) => type switch
    {
        OvsdbAtomType.Integer => "integer",
        OvsdbAtomType.Real => "real",
        OvsdbAtomType.Boolean => "boolean",
        OvsdbAtomType.String => "string",
        OvsdbAtomType.Uuid => "uuid",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "Not an OVSDB atomic type."),
    };

    /// <summary>
    /// Converts an atom to this type's representation: an integer token in a real column becomes a real (the server
    /// writes integral reals as integers), an integral real in an integer column becomes an integer.
    /// </summary>
    /// <exception cref="ArgumentException">The atom is not of this type.</exception>
    public OvsdbAtom Normalize(OvsdbAtom atom) => TryNormalize(this.Type, atom, out OvsdbAtom normalized)
        ? normalized
        : throw new ArgumentException(this.WrongType(atom), nameof(atom));

    /// <summary>Checks an atom against the type and its constraints; returns null or a message (in the server's words where it has them).</summary>
    public string? Validate(OvsdbAtom atom)
    {
        if (!TryNormalize(this.Type, atom, out OvsdbAtom value))
        {
            return this.WrongType(atom);
        }

        if (this.Enum is not null && !this.Enum.Contains(value))
        {
            return $"{Quote(value)} is not one of the allowed values ({string.Join(", ", this.Enum.Select(Quote))})";
        }

        return this.Type switch
        {
            OvsdbAtomType.Integer => CheckRange(value.AsInteger(), this.MinInteger, this.MaxInteger),
            OvsdbAtomType.Real => CheckRange(value.AsReal(), this.MinReal, this.MaxReal),
            OvsdbAtomType.String => this.CheckLength(value.AsString()),
            _ => null,
        };
    }

    /// <inheritdoc/>
    public override string ToString() => TypeName(this.Type);

    internal static bool TryNormalize(OvsdbAtomType type, OvsdbAtom atom, out OvsdbAtom normalized)
    {
        normalized = atom;
        if (atom.Type == type)
        {
            return true;
        }

        if (type == OvsdbAtomType.Real && atom.Type == OvsdbAtomType.Integer)
        {
            normalized = OvsdbAtom.Real(atom.AsInteger());
            return true;
        }

        // ovsdb-server accepts 1.0 and 3e0 for integer columns: the parser keeps exact values.
        if (type == OvsdbAtomType.Integer && atom.Type == OvsdbAtomType.Real
            && OvsdbAtom.TryGetExactInteger(atom.AsReal(), out long exact))
        {
            normalized = OvsdbAtom.Integer(exact);
            return true;
        }

        return false;
    }

    private static string? CheckRange<T>(T value, T? min, T? max)
        where T : struct, IComparable<T>, IFormattable
    {
        string V(T x) => x.ToString(null, CultureInfo.InvariantCulture);
        if (min is T lo && max is T hi && (value.CompareTo(lo) < 0 || value.CompareTo(hi) > 0))
        {
            return $"{V(value)} is not in the valid range {V(lo)} to {V(hi)} (inclusive)";
        }

        if (min is T lo2 && value.CompareTo(lo2) < 0)
        {
            return $"{V(value)} is less than minimum allowed value {V(lo2)}";
        }

        if (max is T hi2 && value.CompareTo(hi2) > 0)
        {
            return $"{V(value)} is greater than maximum allowed value {V(hi2)}";
        }

        return null;
    }

    private string? CheckLength(string value)
    {
        if (this.MinLength is null && this.MaxLength is null)
        {
            return null;
        }

        // ovsdb-server counts UTF-8 characters, not bytes or UTF-16 units.
        int length = 0;
        foreach (Rune _ in value.EnumerateRunes())
        {
            length++;
        }

        if (length < this.MinLength)
        {
            return $"\"{value}\" length {length} is less than minimum allowed length {this.MinLength}";
        }

        return length > this.MaxLength ? $"\"{value}\" length {length} is greater than maximum allowed length {this.MaxLength}" : null;
    }

    private static string Quote(OvsdbAtom atom) => atom.Type == OvsdbAtomType.String ? $"\"{atom}\"" : atom.ToString();

    private string WrongType(OvsdbAtom atom) =>
        $"expected {TypeName(this.Type)}, got {(atom.IsNamedUuid ? "named-uuid" : TypeName(atom.Type))} {Quote(atom)}";

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new ArgumentException($"Invalid OVSDB base type: {message}.");
        }
    }
}
