using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// One OVSDB atom (RFC 7047 §5.1 <c>&lt;atom&gt;</c>): an integer, real, boolean, string, uuid, or a named-uuid.
/// A struct so that sets, maps and rows of scalars allocate nothing per value. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Integers and reals compare equal when they denote the same number: ovsdb-server writes integral reals as JSON
/// integers (<c>"r":1</c>), so without a schema the two cannot be told apart, and equality must not depend on it.
/// The default value is the integer 0.
/// </remarks>
[JsonConverter(typeof(OvsdbAtomConverter))]
[StructLayout(LayoutKind.Explicit)]
public readonly struct OvsdbAtom : IEquatable<OvsdbAtom>
{
    // The uuid overlaps the scalar bits: an atom is only ever one of them, and this keeps the struct at 32 bytes.
    [FieldOffset(0)]
    private readonly Guid guid;

    [FieldOffset(0)]
    private readonly long bits;

    [FieldOffset(16)]
    private readonly string? stringValue;

    [FieldOffset(24)]
    private readonly AtomKind kind;

    private OvsdbAtom(AtomKind kind, long bits)
    {
        this.kind = kind;
        this.bits = bits;
    }

    private OvsdbAtom(AtomKind kind, string value)
    {
        this.kind = kind;
        this.stringValue = value;
    }

    private OvsdbAtom(Guid guid)
    {
        this.kind = AtomKind.Uuid;
        this.guid = guid;
    }

    private enum AtomKind : byte
    {
        Integer,
        Real,
        Boolean,
        String,
        Uuid,
        NamedUuid,
    }

    /// <summary>The atomic type; a named-uuid has type <see cref="OvsdbAtomType.Uuid"/>.</summary>
    public OvsdbAtomType Type => this.kind switch
    {
        AtomKind.Integer => OvsdbAtomType.Integer,
        AtomKind.Real => OvsdbAtomType.Real,
        AtomKind.Boolean => OvsdbAtomType.Boolean,
        AtomKind.String => OvsdbAtomType.String,
        _ => OvsdbAtomType.Uuid,
    };

    /// <summary>True for a named-uuid (<c>["named-uuid",name]</c>).</summary>
    public bool IsNamedUuid => this.kind == AtomKind.NamedUuid;

    /// <summary>Creates an integer atom.</summary>
    public static OvsdbAtom Integer(long value) => new(AtomKind.Integer, value);

    /// <summary>Creates a real atom.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is NaN or infinite (JSON cannot carry it, and ovsdb-server drops the connection).</exception>
    public static OvsdbAtom Real(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An OVSDB real must be finite: JSON has no NaN or infinity.");
        }

        return new(AtomKind.Real, BitConverter.DoubleToInt64Bits(value == 0 ? 0.0 : value));
    }

    /// <summary>Creates a boolean atom.</summary>
    public static OvsdbAtom Boolean(bool value) => new(AtomKind.Boolean, value ? 1 : 0);

    /// <summary>Creates a string atom.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not valid UTF-16 (a lone surrogate) or contains NUL (see <see cref="IsValidString"/>).</exception>
    public static OvsdbAtom String(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        OvsdbStrings.Check(value, "string", nameof(value));
        return new(AtomKind.String, value);
    }

    /// <summary>
    /// True when <paramref name="value"/> can be an OVSDB string: well-formed UTF-16 (every surrogate is half of a
    /// pair, so the text has an exact UTF-8 form) and no NUL character (ovsdb-server refuses <c>\u0000</c>).
    /// </summary>
    /// <remarks>
    /// A lone surrogate has no UTF-8 encoding: a JSON writer would replace it with U+FFFD and so store something else
    /// than was given. OvsNet refuses such strings wherever they would enter a value, a name or a command argument.
    /// </remarks>
    public static bool IsValidString(string? value) => value is not null && IndexOfInvalidCharacter(value) < 0;

    /// <summary>The index of the first character that keeps <paramref name="value"/> from being an OVSDB string (a lone surrogate or NUL), or -1.</summary>
    public static int IndexOfInvalidCharacter(ReadOnlySpan<char> value) => OvsdbStrings.IndexOfInvalid(value);

    /// <summary>Creates a uuid atom.</summary>
    public static OvsdbAtom Uuid(OvsdbUuid value) => new(value.Value);

    /// <summary>Creates a named-uuid atom.</summary>
    /// <exception cref="ArgumentException"><paramref name="value"/> is the default (empty) name.</exception>
    public static OvsdbAtom NamedUuid(OvsdbNamedUuid value)
    {
        if (value.Name.Length == 0)
        {
            throw new ArgumentException("A named-uuid needs a name.", nameof(value));
        }

        return new(AtomKind.NamedUuid, value.Name);
    }

    /// <summary>The integer; a real with an exact integral value is accepted too (as ovsdb-server does).</summary>
    /// <exception cref="InvalidOperationException">The atom is not an integer.</exception>
    public long AsInteger()
    {
        if (this.kind == AtomKind.Integer)
        {
            return this.bits;
        }

        if (this.kind == AtomKind.Real && TryGetExactInteger(BitConverter.Int64BitsToDouble(this.bits), out long exact))
        {
            return exact;
        }

        throw this.WrongType("an integer");
    }

    /// <summary>The real; integers are accepted, because ovsdb-server writes integral reals as JSON integers.</summary>
    /// <exception cref="InvalidOperationException">The atom is not a number.</exception>
    public double AsReal() => this.kind switch
    {
        AtomKind.Real => BitConverter.Int64BitsToDouble(this.bits),
        AtomKind.Integer => this.bits,
        _ => throw this.WrongType("a real"),
    };

    /// <summary>The boolean.</summary>
    /// <exception cref="InvalidOperationException">The atom is not a boolean.</exception>
    public bool AsBoolean() => this.kind == AtomKind.Boolean ? this.bits != 0 : throw this.WrongType("a boolean");

    /// <summary>The string.</summary>
    /// <exception cref="InvalidOperationException">The atom is not a string.</exception>
    public string AsString() => this.kind == AtomKind.String ? this.stringValue! : throw this.WrongType("a string");

    /// <summary>The uuid.</summary>
    /// <exception cref="InvalidOperationException">The atom is not a uuid (a named-uuid is not one either).</exception>
    public OvsdbUuid AsUuid() => this.kind == AtomKind.Uuid ? new OvsdbUuid(this.guid) : throw this.WrongType("a uuid");

    /// <summary>The named-uuid.</summary>
    /// <exception cref="InvalidOperationException">The atom is not a named-uuid.</exception>
    public OvsdbNamedUuid AsNamedUuid() => this.kind == AtomKind.NamedUuid ? new OvsdbNamedUuid(this.stringValue!) : throw this.WrongType("a named-uuid");

    /// <summary>Implicit integer atom.</summary>
    public static implicit operator OvsdbAtom(long value) => Integer(value);

    /// <summary>Implicit integer atom.</summary>
    public static implicit operator OvsdbAtom(int value) => Integer(value);

    /// <summary>Implicit real atom.</summary>
    public static implicit operator OvsdbAtom(double value) => Real(value);

    /// <summary>Implicit boolean atom.</summary>
    public static implicit operator OvsdbAtom(bool value) => Boolean(value);

    /// <summary>Implicit string atom.</summary>
    public static implicit operator OvsdbAtom(string value) => String(value);

    /// <summary>Implicit uuid atom.</summary>
    public static implicit operator OvsdbAtom(OvsdbUuid value) => Uuid(value);

    /// <summary>Implicit named-uuid atom.</summary>
    public static implicit operator OvsdbAtom(OvsdbNamedUuid value) => NamedUuid(value);

    /// <inheritdoc/>
    public bool Equals(OvsdbAtom other)
    {
        if (this.kind == other.kind)
        {
            return this.kind switch
            {
                AtomKind.String or AtomKind.NamedUuid => string.Equals(this.stringValue, other.stringValue, StringComparison.Ordinal),
                AtomKind.Uuid => this.guid == other.guid,
                AtomKind.Real => BitConverter.Int64BitsToDouble(this.bits) == BitConverter.Int64BitsToDouble(other.bits),
                _ => this.bits == other.bits,
            };
        }

        // 1 and 1.0 are the same OVSDB number (see remarks).
        return (this.kind, other.kind) switch
        {
            (AtomKind.Integer, AtomKind.Real) => BitConverter.Int64BitsToDouble(other.bits) is var d
                && TryGetExactInteger(d, out long i) && i == this.bits,
            (AtomKind.Real, AtomKind.Integer) => other.Equals(this),
            _ => false,
        };
    }

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbAtom other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        switch (this.kind)
        {
            case AtomKind.String:
                return StringComparer.Ordinal.GetHashCode(this.stringValue!);
            case AtomKind.NamedUuid:
                return ~StringComparer.Ordinal.GetHashCode(this.stringValue!);
            case AtomKind.Uuid:
                return this.guid.GetHashCode();
            case AtomKind.Real:
                double d = BitConverter.Int64BitsToDouble(this.bits);
                return TryGetExactInteger(d, out long exact) ? exact.GetHashCode() : d.GetHashCode();
            case AtomKind.Boolean:
                return this.bits == 0 ? 0x5bd1e995 : 0x1b873593;
            default:
                return this.bits.GetHashCode();
        }
    }

    /// <summary>A readable form: the number, the string, the uuid, or <c>@name</c> for a named-uuid.</summary>
    public override string ToString() => this.kind switch
    {
        AtomKind.Integer => this.bits.ToString(CultureInfo.InvariantCulture),
        AtomKind.Real => BitConverter.Int64BitsToDouble(this.bits).ToString("R", CultureInfo.InvariantCulture),
        AtomKind.Boolean => this.bits != 0 ? "true" : "false",
        AtomKind.String => this.stringValue!,
        AtomKind.Uuid => this.guid.ToString("D"),
        _ => "@" + this.stringValue,
    };

    /// <summary>Equality.</summary>
    public static bool operator ==(OvsdbAtom left, OvsdbAtom right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(OvsdbAtom left, OvsdbAtom right) => !left.Equals(right);

    /// <summary>The raw integer bits without checks (for the JSON writer).</summary>
    internal long RawBits => this.bits;

    /// <summary>The raw string or name without checks (for the JSON writer).</summary>
    internal string? RawString => this.stringValue;

    /// <summary>The raw guid without checks (for the JSON writer).</summary>
    internal Guid RawGuid => this.guid;

    /// <summary>Creates a string atom without checks, for text decoded by the JSON reader (always well-formed UTF-16).</summary>
    internal static OvsdbAtom StringUnchecked(string value) => new(AtomKind.String, value);

    /// <summary>Creates a named-uuid atom from a name already known to be valid (JSON reader).</summary>
    internal static OvsdbAtom NamedUuidUnchecked(string name) => new(AtomKind.NamedUuid, name);

    internal static bool TryGetExactInteger(double d, out long value)
    {
        // 2^63 is exactly representable and is one past long.MaxValue, hence the strict upper bound.
        if (d >= -9223372036854775808.0 && d < 9223372036854775808.0 && Math.Floor(d) == d)
        {
            value = (long)d;
            return true;
        }

        value = 0;
        return false;
    }

    private InvalidOperationException WrongType(string wanted) =>
        new($"The atom {this.ToString()} is {(this.IsNamedUuid ? "a named-uuid" : "of type " + this.Type.ToString().ToLowerInvariant())}, not {wanted}.");
}
