using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

/// <summary>
/// Opt-in: keeps a <see cref="TunnelRoutingPolicy"/> applied while the port flaps. The kernel deletes the tunnel
/// table's routes when the link goes down and does not restore them on up (rules survive), so the watcher listens
/// to RTM_NEWLINK / RTM_NEWADDR / RTM_DELADDR multicast events and re-applies when the port is up. A link that is
/// down is left down (the watcher never brings it up). If the event socket overflows (ENOBUFS) events were lost,
/// so it reconciles from a fresh dump. Dispose to stop. Thread-safe.
/// </summary>
public sealed class TunnelRouteWatcher : IAsyncDisposable
{
    private const int ReapplyAttempts = 5;
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    private readonly TunnelRoutingPolicy policy;
    private readonly TunnelRoutingManager manager;
    private readonly NetlinkSocket events;
    private readonly ILogger logger;
    private readonly CancellationTokenSource stop = new();
    private readonly Channel<bool> wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Task receiving = Task.CompletedTask;
    private Task reconciling = Task.CompletedTask;
    private int reapplyCount;

    private TunnelRouteWatcher(RtNetlinkClient client, TunnelRoutingPolicy policy, NetlinkSocket events)
    {
        this.policy = policy;
        this.manager = new TunnelRoutingManager(client);
        this.events = events;
        this.logger = client.Logger;
    }

    /// <summary>Raised (on a background thread) after a re-apply changed the kernel.</summary>
    public event EventHandler<TunnelRouteWatcherEventArgs>? Reapplied;

    /// <summary>How many re-applies changed something since the start.</summary>
    public int ReapplyCount => Volatile.Read(ref this.reapplyCount);

    /// <summary>
    /// Subscribes to link and address events in the client's namespace and starts watching; also reconciles once
    /// at start, in case the port flapped before the watcher existed.
    /// </summary>
    public static async Task<TunnelRouteWatcher> StartAsync(RtNetlinkClient client, TunnelRoutingPolicy policy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(policy);
        policy.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        NetlinkSocket events = await client.OpenEventSocketAsync(
            [NetlinkConstants.RtnlGroupLink, NetlinkConstants.RtnlGroupIpv4Ifaddr, NetlinkConstants.RtnlGroupIpv6Ifaddr]).ConfigureAwait(false);
        var watcher = new TunnelRouteWatcher(client, policy, events);
        watcher.receiving = Task.Run(watcher.ReceiveLoopAsync, CancellationToken.None);
        watcher.reconciling = Task.Run(watcher.ReconcileLoopAsync, CancellationToken.None);
        watcher.Wake();
        LogMessages.WatcherStarted(watcher.logger, policy.InterfaceName);
        return watcher;
    }

    /// <summary>Stops watching and closes the event socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (this.stop.IsCancellationRequested)
        {
            return;
        }

        await this.stop.CancelAsync().ConfigureAwait(false);
        this.wakeups.Writer.TryComplete();
        this.events.Dispose();
        try
        {
            await Task.WhenAll(this.receiving, this.reconciling).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        this.stop.Dispose();
    }

    private void Wake() => this.wakeups.Writer.TryWrite(true);

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[NetlinkSocket.ReceiveBufferSize];
        while (!this.stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await this.events.ReceiveAsync(buffer, this.stop.Token).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                LogMessages.WatcherOverflow(this.logger);
                this.Wake();
                continue;
            }
            catch (Exception ex) when (this.stop.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (NetlinkMessage.ParseAll(buffer.AsSpan(0, received)).Any(this.IsRelevant))
            {
                this.Wake();
            }
        }
    }

    /// <summary>Our port coming up, or any address change (IPv6 loses its address on down and regains it later).</summary>
    private bool IsRelevant(NetlinkMessage message) => message.Type switch
    {
        NetlinkConstants.RtmNewLink => LinkCodec.Decode(message) is { IsUp: true } link && link.Name == this.policy.InterfaceName,
        NetlinkConstants.RtmNewAddr or NetlinkConstants.RtmDelAddr => true,
        _ => false,
    };

    private async Task ReconcileLoopAsync()
    {
        try
        {
            await foreach (bool _ in this.wakeups.Reader.ReadAllAsync(this.stop.Token).ConfigureAwait(false))
            {
                await this.ReconcileAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (this.stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogMessages.WatcherCrashed(this.logger, this.policy.InterfaceName, ex);
            throw;
        }
    }

    private async Task ReconcileAsync()
    {
        for (int attempt = 1; attempt <= ReapplyAttempts; attempt++)
        {
            try
            {
                RoutingPlan plan = await this.manager.PlanApplyAsync(this.policy, allowLinkUp: false, this.stop.Token).ConfigureAwait(false);
                if (plan.IsEmpty)
                {
                    return;
                }

                await this.manager.Engine(this.policy).ExecuteAsync(plan, this.stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref this.reapplyCount);
                LogMessages.WatcherReapplied(this.logger, this.policy.InterfaceName, plan.Changes.Count);
                Reapplied?.Invoke(this, new TunnelRouteWatcherEventArgs(plan));
                return;
            }
            catch (Exception ex) when (ex is RoutingException or InvalidOperationException)
            {
                // Events can race the kernel's own work (e.g. the connected route appears just after the link event),
                // the port may be mid-recreation, and a foreign entry may be in the way (a conflict or a failed
                // verification, rolled back): retry a few times, then wait for the next event.
                LogMessages.WatcherReapplyFailed(this.logger, this.policy.InterfaceName, attempt, ex);
                await Task.Delay(RetryDelay * attempt, this.stop.Token).ConfigureAwait(false);
            }
        }
    }
}
