using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// An OVSDB UUID (RFC 7047 §5.1 <c>&lt;uuid&gt;</c>), written on the wire as <c>["uuid","xxxxxxxx-..."]</c>.
/// Immutable and thread-safe. UUIDs are ordered as their canonical strings are (ordinal), consistently with equality.
/// </summary>
[JsonConverter(typeof(OvsdbUuidConverter))]
public readonly struct OvsdbUuid : IEquatable<OvsdbUuid>, IComparable<OvsdbUuid>, IComparable
{
    /// <summary>Creates a UUID from a <see cref="Guid"/>.</summary>
    public OvsdbUuid(Guid value) => this.Value = value;

    /// <summary>The all-zero UUID (ovsdb-server uses it for "no transaction id" and unset references).</summary>
    public static OvsdbUuid Zero => default;

    /// <summary>The UUID as a <see cref="Guid"/>.</summary>
    public Guid Value { get; }

    /// <summary>Parses the canonical 36-character form; upper-case hex is accepted (ovsdb-server accepts it too).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="value"/> is not a canonical UUID.</exception>
    public static OvsdbUuid Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out OvsdbUuid uuid)
            ? uuid
            : throw new ArgumentException($"'{value}' is not a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx.", nameof(value));
    }

    /// <summary>Parses the canonical 36-character form (RFC 7047 §3.1 <c>&lt;uuid&gt;</c>), returning false on failure.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, out OvsdbUuid uuid) => TryParse(value.AsSpan(), out uuid) && value is not null;

    /// <summary>Parses the canonical 36-character form from characters, returning false on failure.</summary>
    public static bool TryParse(ReadOnlySpan<char> value, out OvsdbUuid uuid)
    {
        // Only the "D" format: OVSDB never writes braces or the 32-digit form, and accepting them would let a
        // typo through that the server then rejects.
        if (value.Length == 36 && Guid.TryParseExact(value, "D", out Guid guid))
        {
            uuid = new OvsdbUuid(guid);
            return true;
        }

        uuid = default;
        return false;
    }

    /// <summary>Creates a random (version 4) UUID.</summary>
    public static OvsdbUuid NewUuid() => new(Guid.NewGuid());

    /// <summary>The lower-case canonical form, as ovsdb-server writes it.</summary>
    public override string ToString() => this.Value.ToString("D");

    /// <inheritdoc/>
    public bool Equals(OvsdbUuid other) => this.Value.Equals(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbUuid other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => this.Value.GetHashCode();

    /// <summary>Equality.</summary>
    public static bool operator ==(OvsdbUuid left, OvsdbUuid right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(OvsdbUuid left, OvsdbUuid right) => !left.Equals(right);

    /// <summary>Whether <paramref name="left"/> orders before <paramref name="right"/>.</summary>
    public static bool operator <(OvsdbUuid left, OvsdbUuid right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> orders before or equals <paramref name="right"/>.</summary>
    public static bool operator <=(OvsdbUuid left, OvsdbUuid right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> orders after <paramref name="right"/>.</summary>
    public static bool operator >(OvsdbUuid left, OvsdbUuid right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> orders after or equals <paramref name="right"/>.</summary>
    public static bool operator >=(OvsdbUuid left, OvsdbUuid right) => left.CompareTo(right) >= 0;

    /// <summary>
    /// Compares by the canonical string (<see cref="ToString"/>, ordinal), which is the order of the UUID's fields as
    /// unsigned numbers, most significant first (<see cref="Guid.CompareTo(Guid)"/>).
    /// </summary>
    /// <param name="other">The other UUID.</param>
    /// <returns>Negative, zero or positive as this UUID orders before, equal to or after <paramref name="other"/>.</returns>
    public int CompareTo(OvsdbUuid other) => this.Value.CompareTo(other.Value);

    /// <inheritdoc/>
    public int CompareTo(object? obj) => obj switch
    {
        null => 1,
        OvsdbUuid other => this.CompareTo(other),
        _ => throw new ArgumentException("The object is not an OvsdbUuid.", nameof(obj)),
    };
}
