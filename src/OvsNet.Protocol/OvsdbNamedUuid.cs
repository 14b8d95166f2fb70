using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// A named UUID (RFC 7047 §5.1 <c>&lt;named-uuid&gt;</c>): a name given to a row inserted earlier in the same
/// transaction, written as <c>["named-uuid","name"]</c>. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(OvsdbNamedUuidConverter))]
public readonly struct OvsdbNamedUuid : IEquatable<OvsdbNamedUuid>
{
    private readonly string? name;

    /// <summary>Creates a named UUID.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> does not match <c>[_a-zA-Z][_a-zA-Z0-9]*</c>.</exception>
    public OvsdbNamedUuid(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!IsValidName(name))
        {
            // A real UUID string used as a uuid-name is a classic mistake (it contains '-'): say so.
            throw new ArgumentException(
                $"'{name}' is not a valid uuid-name: it must match [_a-zA-Z][_a-zA-Z0-9]* (RFC 7047 §5.1 <id>).", nameof(name));
        }

        this.name = name;
    }

    /// <summary>The name. A default instance has an empty name.</summary>
    public string Name => this.name ?? string.Empty;

    /// <summary>True when <paramref name="name"/> matches <c>[_a-zA-Z][_a-zA-Z0-9]*</c> (RFC 7047 §3.1 <c>&lt;id&gt;</c>).</summary>
    public static bool IsValidName(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Creates a name from a UUID the way ovs-vsctl does: <c>row</c> + the UUID with '-' replaced by '_'.</summary>
    public static OvsdbNamedUuid FromUuid(OvsdbUuid uuid) => new("row" + uuid.ToString().Replace('-', '_'));

    /// <inheritdoc/>
    public override string ToString() => this.Name;

    /// <inheritdoc/>
    public bool Equals(OvsdbNamedUuid other) => string.Equals(this.Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbNamedUuid other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(this.Name);

    /// <summary>Equality.</summary>
    public static bool operator ==(OvsdbNamedUuid left, OvsdbNamedUuid right) => left.Equals(right);

    /// <summary>Inequality.</summary>
    public static bool operator !=(OvsdbNamedUuid left, OvsdbNamedUuid right) => !left.Equals(right);
}
