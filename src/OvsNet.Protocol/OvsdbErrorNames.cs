using System.Collections.Frozen;

namespace OvsNet.Protocol;

/// <summary>Maps RFC 7047 / ovsdb-server error names to <see cref="OvsdbErrorKind"/> and back. Thread-safe.</summary>
public static class OvsdbErrorNames
{
    private static readonly string[] Names =
    [
        "",
        "referential integrity violation",
        "constraint violation",
        "resources exhausted",
        "I/O error",
        "duplicate uuid-name",
        "domain error",
        "range error",
        "timed out",
        "not supported",
        "aborted",
        "not owner",
        "canceled",
        "syntax error",
        "unknown database",
        "unknown method",
        "unknown column",
        "ovsdb error",
        "permission error",
        "duplicate uuid",
        "not leader",
        "internal error",
        "cluster error",
        "unexpected error",
        "unknown monitor",
        "consistency violation",
        "database not available",
    ];

    // Exact, case-sensitive: the server always sends these spellings.
    private static readonly FrozenDictionary<string, OvsdbErrorKind> Kinds =
        Names.Select((name, i) => (name, kind: (OvsdbErrorKind)i)).Where(p => p.name.Length > 0)
            .ToFrozenDictionary(p => p.name, p => p.kind, StringComparer.Ordinal);

    /// <summary>All known error names, with their kinds.</summary>
    public static IReadOnlyDictionary<string, OvsdbErrorKind> All => Kinds;

    /// <summary>The kind for an error name; <see cref="OvsdbErrorKind.Unknown"/> when the name is null or not known.</summary>
    public static OvsdbErrorKind Parse(string? name) =>
        name is not null && Kinds.TryGetValue(name, out OvsdbErrorKind kind) ? kind : OvsdbErrorKind.Unknown;

    /// <summary>The wire name of a kind.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is <see cref="OvsdbErrorKind.Unknown"/> or not defined.</exception>
    public static string ToName(OvsdbErrorKind kind) =>
        kind > OvsdbErrorKind.Unknown && (int)kind < Names.Length
            ? Names[(int)kind]
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown has no wire name; keep the raw string instead.");
}
