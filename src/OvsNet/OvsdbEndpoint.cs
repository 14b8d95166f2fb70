using System.Globalization;
using System.Net;

namespace OvsNet;

/// <summary>
/// An active OVSDB remote in Open vSwitch syntax: <c>unix:PATH</c>, <c>tcp:HOST[:PORT]</c> or <c>ssl:HOST[:PORT]</c>,
/// with IPv6 addresses in brackets (<c>tcp:[::1]:6640</c>). The port defaults to 6640, as in OVS.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbEndpoint : IEquatable<OvsdbEndpoint>
{
    /// <summary>The IANA port for OVSDB, used when a <c>tcp:</c> or <c>ssl:</c> remote names none.</summary>
    public const int DefaultPort = 6640;

    private OvsdbEndpoint(OvsdbEndpointKind kind, string? path, string? host, int port)
    {
        this.Kind = kind;
        this.Path = path;
        this.Host = host;
        this.Port = port;
    }

    /// <summary>Gets the transport.</summary>
    public OvsdbEndpointKind Kind { get; }

    /// <summary>Gets the socket path of a <c>unix:</c> endpoint, else null.</summary>
    public string? Path { get; }

    /// <summary>Gets the host (an IP address without brackets, or a name) of a <c>tcp:</c>/<c>ssl:</c> endpoint, else null.</summary>
    public string? Host { get; }

    /// <summary>Gets the port of a <c>tcp:</c>/<c>ssl:</c> endpoint, else 0.</summary>
    public int Port { get; }

    /// <summary>Creates a <c>unix:</c> endpoint.</summary>
    /// <param name="path">The socket path.</param>
    public static OvsdbEndpoint Unix(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new OvsdbEndpoint(OvsdbEndpointKind.Unix, path, null, 0);
    }

    /// <summary>Creates a <c>tcp:</c> endpoint.</summary>
    /// <param name="host">An IP address or host name.</param>
    /// <param name="port">The port (1-65535).</param>
    public static OvsdbEndpoint Tcp(string host, int port = DefaultPort) => CreateInet(OvsdbEndpointKind.Tcp, host, port);

    /// <summary>Creates an <c>ssl:</c> endpoint.</summary>
    /// <param name="host">An IP address or host name.</param>
    /// <param name="port">The port (1-65535).</param>
    public static OvsdbEndpoint Ssl(string host, int port = DefaultPort) => CreateInet(OvsdbEndpointKind.Ssl, host, port);

    /// <summary>Parses one remote such as <c>unix:/run/openvswitch/db.sock</c> or <c>tcp:[::1]:6640</c>.</summary>
    /// <param name="endpoint">The remote string.</param>
    /// <exception cref="ArgumentException">The string is not a valid active OVSDB remote.</exception>
    public static OvsdbEndpoint Parse(string endpoint)
        => TryParse(endpoint, out OvsdbEndpoint? result, out string? error)
            ? result
            : throw new ArgumentException(error, nameof(endpoint));

    /// <summary>Tries to parse one remote.</summary>
    /// <param name="endpoint">The remote string.</param>
    /// <param name="result">The endpoint, when parsing succeeds.</param>
    /// <returns>True when <paramref name="endpoint"/> is valid.</returns>
    public static bool TryParse(string? endpoint, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OvsdbEndpoint? result)
        => TryParse(endpoint, out result, out _);

    /// <summary>
    /// Parses a comma-separated list of remotes, as <c>ovs-vsctl --db</c> accepts (for a cluster).
    /// </summary>
    /// <param name="endpoints">One or more remotes separated by commas.</param>
    /// <exception cref="ArgumentException">Any remote is invalid, or the list is empty.</exception>
    public static IReadOnlyList<OvsdbEndpoint> ParseList(string endpoints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoints);
        var list = new List<OvsdbEndpoint>();
        foreach (string part in endpoints.Split(',', StringSplitOptions.TrimEntries))
        {
            if (part.Length == 0)
            {
                throw new ArgumentException($"The remote list '{endpoints}' has an empty entry.", nameof(endpoints));
            }

            list.Add(TryParse(part, out OvsdbEndpoint? endpoint, out string? error) ? endpoint : throw new ArgumentException(error, nameof(endpoints)));
        }

        return list;
    }

    /// <summary>Returns the remote in OVS syntax (<c>tcp:[::1]:6640</c>).</summary>
    public override string ToString() => this.Kind switch
    {
        OvsdbEndpointKind.Unix => "unix:" + this.Path,
        _ => string.Create(
            CultureInfo.InvariantCulture,
            $"{(this.Kind == OvsdbEndpointKind.Tcp ? "tcp" : "ssl")}:{(this.Host!.Contains(':', StringComparison.Ordinal) ? "[" + this.Host + "]" : this.Host)}:{this.Port}"),
    };

    /// <inheritdoc/>
    public bool Equals(OvsdbEndpoint? other)
        => other is not null && other.Kind == this.Kind && other.Path == this.Path
           && string.Equals(other.Host, this.Host, StringComparison.OrdinalIgnoreCase) && other.Port == this.Port;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => this.Equals(obj as OvsdbEndpoint);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.Kind, this.Path, this.Host?.ToUpperInvariant(), this.Port);

    private static OvsdbEndpoint CreateInet(OvsdbEndpointKind kind, string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfLessThan(port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new OvsdbEndpoint(kind, null, host.Trim('[', ']'), port);
    }

    private static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out OvsdbEndpoint? result, out string? error)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An OVSDB endpoint is required (unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT).";
            return false;
        }

        int colon = text.IndexOf(':', StringComparison.Ordinal);
        string scheme = colon < 0 ? text : text[..colon];
        string rest = colon < 0 ? string.Empty : text[(colon + 1)..];
        switch (scheme)
        {
            case "unix":
                if (rest.Length == 0)
                {
                    error = $"'{text}' names no socket path (expected unix:PATH).";
                    return false;
                }

                result = new OvsdbEndpoint(OvsdbEndpointKind.Unix, rest, null, 0);
                error = null;
                return true;
            case "tcp":
            case "ssl":
                return TryParseInet(text, scheme == "tcp" ? OvsdbEndpointKind.Tcp : OvsdbEndpointKind.Ssl, rest, out result, out error);
            case "punix":
            case "ptcp":
            case "pssl":
                error = $"'{text}' is a passive (listening) remote; a client needs an active one (unix:, tcp: or ssl:).";
                return false;
            default:
                error = $"'{text}' is not an OVSDB endpoint: expected unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT.";
                return false;
        }
    }

    private static bool TryParseInet(string text, OvsdbEndpointKind kind, string rest, out OvsdbEndpoint? result, out string? error)
    {
        result = null;
        string host;
        string? portText = null;
        if (rest.StartsWith('['))
        {
            int close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}' has an unclosed '[' around its IPv6 address.";
                return false;
            }

            host = rest[1..close];
            string after = rest[(close + 1)..];
            if (after.Length > 0)
            {
                if (after[0] != ':')
                {
                    error = $"'{text}': expected ':PORT' after the bracketed address.";
                    return false;
                }

                portText = after[1..];
            }

            if (!IPAddress.TryParse(host, out IPAddress? v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
            {
                error = $"'{text}': '{host}' is not an IPv6 address.";
                return false;
            }
        }
        else
        {
            int colon = rest.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0 && rest.IndexOf(':', colon + 1) >= 0)
            {
                error = $"'{text}': write an IPv6 address in brackets, for example {(kind == OvsdbEndpointKind.Tcp ? "tcp" : "ssl")}:[::1]:6640.";
                return false;
            }

            host = colon < 0 ? rest : rest[..colon];
            portText = colon < 0 ? null : rest[(colon + 1)..];
        }

        if (host.Length == 0)
        {
            error = $"'{text}' names no host.";
            return false;
        }

        int port = DefaultPort;
        if (portText is not null
            && (!int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535))
        {
            error = $"'{text}': '{portText}' is not a port number (1-65535).";
            return false;
        }

        result = new OvsdbEndpoint(kind, null, host, port);
        error = null;
        return true;
    }
}
