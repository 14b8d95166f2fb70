using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

/// <summary>
/// Links, addresses, rules and routes over rtnetlink, in the caller's or a named network namespace.
/// Thread-safe: requests are serialized on one socket. Linux only.
/// </summary>
public sealed partial class RtNetlinkClient : IAsyncDisposable, IDisposable
{
    private readonly NetlinkConnection connection;
    private readonly string? namespacePath;

    private RtNetlinkClient(NetlinkConnection connection, string? namespacePath, ILogger logger)
    {
        this.connection = connection;
        this.namespacePath = namespacePath;
        this.Logger = logger;
    }

    /// <summary>The namespace file the client's sockets live in, or null for the caller's namespace.</summary>
    public string? NetworkNamespacePath => this.namespacePath;

    internal ILogger Logger { get; }

    /// <summary>
    /// Opens a client. For a named namespace, a dedicated thread enters it, creates the socket and switches back
    /// (needs CAP_SYS_ADMIN); the socket then works from any thread.
    /// </summary>
    /// <exception cref="NetlinkException">The socket could not be created or the namespace entered.</exception>
    /// <exception cref="InvalidOperationException">The named namespace does not exist.</exception>
    public static async Task<RtNetlinkClient> OpenAsync(RtNetlinkClientOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new RtNetlinkClientOptions();
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("OvsNet.Routing speaks rtnetlink and runs on Linux only.");
        }

        string? path = options.ResolveNamespacePath();
        ILogger logger = options.Logger ?? NullLogger.Instance;
        cancellationToken.ThrowIfCancellationRequested();
        NetlinkSocket socket = await NamespaceRunner.RunAsync(path, () => NetlinkSocket.Create([])).ConfigureAwait(false);
        LogMessages.SocketOpened(logger, path ?? "(current)");
        return new RtNetlinkClient(new NetlinkConnection(socket, logger, options.RequestTimeout), path, logger);
    }

    /// <summary>Closes the socket.</summary>
    public void Dispose() => this.connection.Dispose();

    /// <summary>Closes the socket.</summary>
    public ValueTask DisposeAsync()
    {
        this.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Creates a socket in the same namespace subscribed to multicast groups (used by watchers).</summary>
    internal Task<NetlinkSocket> OpenEventSocketAsync(IReadOnlyCollection<int> groups) =>
        NamespaceRunner.RunAsync(this.namespacePath, () => NetlinkSocket.Create(groups));

    private async Task<List<T>> DumpAsync<T>(NetlinkMessageBuilder request, string operation, Func<NetlinkMessage, T?> decode, CancellationToken cancellationToken)
        where T : class
    {
        IReadOnlyList<NetlinkMessage> replies = await this.connection.TransactAsync(request, operation, cancellationToken).ConfigureAwait(false);
        var items = new List<T>(replies.Count);
        foreach (NetlinkMessage reply in replies)
        {
            if (decode(reply) is { } item)
            {
                items.Add(item);
            }
        }

        return items;
    }

    private Task<IReadOnlyList<NetlinkMessage>> SendAsync(NetlinkMessageBuilder request, string operation, CancellationToken cancellationToken) =>
        this.connection.TransactAsync(request, operation, cancellationToken);
}
