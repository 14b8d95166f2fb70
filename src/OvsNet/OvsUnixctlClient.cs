using System.Net.Sockets;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OvsNet.Rpc;

namespace OvsNet;

/// <summary>
/// <c>ovs-appctl</c> from code: runs commands on an Open vSwitch daemon's unixctl socket (ovs-vswitchd's
/// <c>ovs-vswitchd.PID.ctl</c>, ovsdb-server's <c>ovsdb-server.PID.ctl</c>, or whatever <c>--unixctl=</c> named), for
/// example <c>version</c>, <c>ovs/route/show</c> or <c>ovs/route/add 198.51.101.0/24 tep0 198.51.100.1</c>.
/// </summary>
/// <remarks>
/// <para>
/// The unixctl protocol is the same JSON-RPC 1.0 as OVSDB, without delimiters between messages: a request
/// <c>{"method":"version","params":[],"id":N}</c> gets <c>{"id":N,"result":"...","error":null}</c>, or
/// <c>{"id":N,"error":"..."}</c>; every parameter and every result is a string. The client reuses OvsNet's RPC stack
/// (value framing, the 1.0 envelope).
/// </para>
/// <para>
/// Thread-safe: commands may be issued concurrently; the daemon answers them in order. Cancelling a command sends the
/// RFC 7047 <c>cancel</c> notification, which a unixctl server does not understand and answers by closing the session:
/// after a cancellation, connect again.
/// </para>
/// </remarks>
public sealed class OvsUnixctlClient : IAsyncDisposable
{
    private readonly OvsdbRpcConnection connection;

    private OvsUnixctlClient(Stream stream, string? socketPath, ILogger logger)
    {
        this.SocketPath = socketPath;
        this.connection = new OvsdbRpcConnection(stream, UnixctlNotificationSink.Instance, logger, peer: socketPath is null ? "the daemon" : $"the daemon at {socketPath}");
    }

    /// <summary>Gets the socket path this client connected to, or null when it was created over a stream.</summary>
    public string? SocketPath { get; }

    /// <summary>Gets a value indicating whether the session is still open.</summary>
    public bool IsConnected => this.connection.IsConnected;

    /// <summary>Connects to a daemon's unixctl socket.</summary>
    /// <param name="socketPath">The socket's path, for example <c>/run/openvswitch/ovs-vswitchd.1234.ctl</c>.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="OvsdbConnectionException">The socket could not be reached.</exception>
    public static Task<OvsUnixctlClient> ConnectAsync(string socketPath, CancellationToken cancellationToken = default)
        => ConnectAsync(socketPath, loggerFactory: null, cancellationToken);

    /// <summary>Default directory of the OVS daemons' pidfiles and control sockets on Debian and Ubuntu.</summary>
    public const string DefaultRunDirectory = "/var/run/openvswitch";

    /// <summary>
    /// Finds a daemon's control socket the way <c>ovs-appctl -t TARGET</c> does: an absolute path is the socket, a
    /// path ending in <c>.pid</c> is a pidfile (the socket is <c>NAME.PID.ctl</c> next to it), and a daemon name such
    /// as <c>ovs-vswitchd</c> means <c>RUNDIR/ovs-vswitchd.pid</c>.
    /// </summary>
    /// <param name="target">The socket, the pidfile, or the daemon's name.</param>
    /// <param name="runDirectory">Where a daemon name's pidfile is (default <see cref="DefaultRunDirectory"/>).</param>
    /// <returns>The socket's path.</returns>
    /// <exception cref="ArgumentException">The target is empty.</exception>
    /// <exception cref="IOException">The pidfile cannot be read or holds no process id; the message says which and whether the daemon runs.</exception>
    public static string ResolveSocketPath(string target, string runDirectory = DefaultRunDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(runDirectory);
        string pidfile;
        if (target.EndsWith(".pid", StringComparison.Ordinal))
        {
            pidfile = target;
        }
        else if (Path.IsPathRooted(target))
        {
            return target;
        }
        else
        {
            pidfile = Path.Combine(runDirectory, target + ".pid");
        }

        string text;
        try
        {
            text = File.ReadAllText(pidfile).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"Cannot read the pidfile {pidfile} ({ex.Message}); is the daemon running?", ex);
        }

        if (!int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int pid) || pid <= 0)
        {
            throw new IOException($"The pidfile {pidfile} holds no process id ('{text}').");
        }

        string name = Path.GetFileNameWithoutExtension(pidfile);
        return Path.Combine(Path.GetDirectoryName(pidfile) ?? "/", $"{name}.{pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}.ctl");
    }

    /// <summary>Connects to a daemon's unixctl socket, logging through <paramref name="loggerFactory"/>.</summary>
    /// <param name="socketPath">The socket's path.</param>
    /// <param name="loggerFactory">Where the RPC layer logs (wire payloads at Trace); null for none.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The path is empty.</exception>
    /// <exception cref="OvsdbConnectionException">The socket could not be reached.</exception>
    public static async Task<OvsUnixctlClient> ConnectAsync(string socketPath, ILoggerFactory? loggerFactory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(socketPath);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            throw new OvsdbConnectionException($"Could not connect to the unixctl socket {socketPath}: {ex.Message} ({ex.SocketErrorCode}).", ex);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new OvsUnixctlClient(new NetworkStream(socket, ownsSocket: true), socketPath, CreateLogger(loggerFactory));
    }

    /// <summary>Creates a client over an already-open duplex stream (tests, custom transports); the client owns it.</summary>
    /// <param name="stream">The stream.</param>
    /// <param name="loggerFactory">Where the RPC layer logs; null for none.</param>
    /// <returns>The client.</returns>
    public static OvsUnixctlClient Create(Stream stream, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return new OvsUnixctlClient(stream, socketPath: null, CreateLogger(loggerFactory));
    }

    /// <summary>Runs a command without arguments and returns its output.</summary>
    /// <param name="command">The command, for example <c>version</c>.</param>
    /// <param name="cancellationToken">Cancels the wait (see the remarks on cancellation).</param>
    /// <returns>The daemon's output, as <c>ovs-appctl</c> prints it.</returns>
    /// <exception cref="OvsUnixctlException">The daemon answered with an error.</exception>
    /// <exception cref="OvsdbConnectionException">The session was lost.</exception>
    public Task<string> ExecuteAsync(string command, CancellationToken cancellationToken = default)
        => this.ExecuteAsync(command, [], cancellationToken);

    /// <summary>Runs a command and returns its output.</summary>
    /// <param name="command">The command, for example <c>ovs/route/add</c>.</param>
    /// <param name="arguments">Its arguments, for example <c>["198.51.101.0/24", "tep0", "198.51.100.1"]</c>.</param>
    /// <param name="cancellationToken">Cancels the wait (see the remarks on cancellation).</param>
    /// <returns>The daemon's output, as <c>ovs-appctl</c> prints it (often ending in a newline; empty when there is none).</returns>
    /// <exception cref="ArgumentException">The command is empty, or the command or an argument is null or has a lone surrogate or NUL (nothing is sent).</exception>
    /// <exception cref="OvsUnixctlException">The daemon answered with an error (unknown command, wrong arguments, failure).</exception>
    /// <exception cref="OvsdbConnectionException">The session was lost.</exception>
    /// <exception cref="OvsdbProtocolException">The daemon's reply was not a string.</exception>
    public async Task<string> ExecuteAsync(string command, IReadOnlyList<string> arguments, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(command);
        ArgumentNullException.ThrowIfNull(arguments);
        CheckText(command, "command", nameof(command));
        for (int i = 0; i < arguments.Count; i++)
        {
            string argument = arguments[i] ?? throw new ArgumentException($"Unixctl argument {i} of {command} is null.", nameof(arguments));
            CheckText(argument, $"argument {i} of {command}", nameof(arguments));
        }

        JsonElement result;
        try
        {
            result = (await this.connection.InvokeAsync(command, [.. arguments], cancellationToken).ConfigureAwait(false)).Element;
        }
        catch (OvsdbRpcException ex)
        {
            // unixctl errors are plain strings ending in a newline, e.g. "Not found\n".
            throw new OvsUnixctlException(command, arguments, ex.Error.TrimEnd('\n'), ex);
        }

        return result.ValueKind switch
        {
            JsonValueKind.String => result.GetString()!,
            JsonValueKind.Null => string.Empty,
            _ => throw new OvsdbProtocolException($"{command}: the unixctl reply's result is not a string: {result.GetRawText()}"),
        };
    }

    /// <summary>Closes the session.</summary>
    /// <returns>A task that completes when closed.</returns>
    public ValueTask DisposeAsync() => this.connection.DisposeAsync();

    // Every unixctl parameter is a JSON string: refuse text the wire would change (a lone surrogate becomes U+FFFD) or
    // the daemon would refuse (NUL), before anything is sent.
    private static void CheckText(string value, string what, string parameterName)
    {
        int index = OvsNet.Protocol.OvsdbAtom.IndexOfInvalidCharacter(value);
        if (index >= 0)
        {
            string reason = value[index] == '\0' ? "NUL (U+0000)" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a lone surrogate U+{(int)value[index]:X4} (not valid UTF-16)");
            throw new ArgumentException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The unixctl {what} has {reason} at index {index}."), parameterName);
        }
    }

    private static ILogger CreateLogger(ILoggerFactory? loggerFactory)
        => (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("OvsNet.OvsUnixctlClient");
}
