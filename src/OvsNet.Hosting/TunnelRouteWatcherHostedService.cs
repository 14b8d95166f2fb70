using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OvsNet.Routing;

namespace OvsNet.Hosting;

/// <summary>Opens netlink in the configured namespace and starts the <see cref="TunnelRouteWatcher"/> with the host; stops both with it.</summary>
internal sealed class TunnelRouteWatcherHostedService(TunnelRouteWatcherSettings settings, ILoggerFactory? loggerFactory) : IHostedService
{
    private RtNetlinkClient? netlink;
    private TunnelRouteWatcher? watcher;

    /// <summary>Gets the running watcher, or null before the start.</summary>
    public TunnelRouteWatcher? Watcher => Volatile.Read(ref this.watcher);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        TunnelRoutingPolicy policy = settings.ToPolicy();
        this.netlink = await RtNetlinkClient.OpenAsync(
            new RtNetlinkClientOptions { NetworkNamespace = settings.NetworkNamespace, Logger = loggerFactory?.CreateLogger("OvsNet.Routing") },
            cancellationToken).ConfigureAwait(false);
        try
        {
            Volatile.Write(ref this.watcher, await TunnelRouteWatcher.StartAsync(this.netlink, policy, cancellationToken).ConfigureAwait(false));
        }
        catch
        {
            await this.netlink.DisposeAsync().ConfigureAwait(false);
            this.netlink = null;
            throw;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (this.watcher is not null)
        {
            await this.watcher.DisposeAsync().ConfigureAwait(false);
        }

        if (this.netlink is not null)
        {
            await this.netlink.DisposeAsync().ConfigureAwait(false);
        }
    }
}
