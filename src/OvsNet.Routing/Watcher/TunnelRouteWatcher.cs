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

    private readonly TunnelRoutingPolicy _policy;
    private readonly TunnelRoutingManager _manager;
    private readonly NetlinkSocket _events;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<bool> _wakeups = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private Task _receiving = Task.CompletedTask;
    private Task _reconciling = Task.CompletedTask;
    private int _reapplyCount;

    private TunnelRouteWatcher(RtNetlinkClient client, TunnelRoutingPolicy policy, NetlinkSocket events)
    {
        _policy = policy;
        _manager = new TunnelRoutingManager(client);
        _events = events;
        _logger = client.Logger;
    }

    /// <summary>Raised (on a background thread) after a re-apply changed the kernel.</summary>
    public event EventHandler<TunnelRouteWatcherEventArgs>? Reapplied;

    /// <summary>How many re-applies changed something since the start.</summary>
    public int ReapplyCount => Volatile.Read(ref _reapplyCount);

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
        watcher._receiving = Task.Run(watcher.ReceiveLoopAsync, CancellationToken.None);
        watcher._reconciling = Task.Run(watcher.ReconcileLoopAsync, CancellationToken.None);
        watcher.Wake();
        LogMessages.WatcherStarted(watcher._logger, policy.InterfaceName);
        return watcher;
    }

    /// <summary>Stops watching and closes the event socket.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stop.IsCancellationRequested)
        {
            return;
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _wakeups.Writer.TryComplete();
        _events.Dispose();
        try
        {
            await Task.WhenAll(_receiving, _reconciling).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private void Wake() => _wakeups.Writer.TryWrite(true);

    private async Task ReceiveLoopAsync()
    {
        byte[] buffer = new byte[NetlinkSocket.ReceiveBufferSize];
        while (!_stop.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _events.ReceiveAsync(buffer, _stop.Token).ConfigureAwait(false);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.NoBufferSpaceAvailable)
            {
                LogMessages.WatcherOverflow(_logger);
                Wake();
                continue;
            }
            catch (Exception ex) when (_stop.IsCancellationRequested && ex is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            if (NetlinkMessage.ParseAll(buffer.AsSpan(0, received)).Any(IsRelevant))
            {
                Wake();
            }
        }
    }

    /// <summary>Our port coming up, or any address change (IPv6 loses its address on down and regains it later).</summary>
    private bool IsRelevant(NetlinkMessage message) => message.Type switch
    {
        NetlinkConstants.RtmNewLink => LinkCodec.Decode(message) is { IsUp: true } link && link.Name == _policy.InterfaceName,
        NetlinkConstants.RtmNewAddr or NetlinkConstants.RtmDelAddr => true,
        _ => false,
    };

    private async Task ReconcileLoopAsync()
    {
        try
        {
            await foreach (bool _ in _wakeups.Reader.ReadAllAsync(_stop.Token).ConfigureAwait(false))
            {
                await ReconcileAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            LogMessages.WatcherCrashed(_logger, _policy.InterfaceName, ex);
            throw;
        }
    }

    private async Task ReconcileAsync()
    {
        for (int attempt = 1; attempt <= ReapplyAttempts; attempt++)
        {
            try
            {
                RoutingPlan plan = await _manager.PlanApplyAsync(_policy, allowLinkUp: false, _stop.Token).ConfigureAwait(false);
                if (plan.IsEmpty)
                {
                    return;
                }

                await _manager.Engine(_policy).ExecuteAsync(plan, _stop.Token).ConfigureAwait(false);
                Interlocked.Increment(ref _reapplyCount);
                LogMessages.WatcherReapplied(_logger, _policy.InterfaceName, plan.Changes.Count);
                Reapplied?.Invoke(this, new TunnelRouteWatcherEventArgs(plan));
                return;
            }
            catch (Exception ex) when (ex is RoutingException or InvalidOperationException)
            {
                // Events can race the kernel's own work (e.g. the connected route appears just after the link event),
                // the port may be mid-recreation, and a foreign entry may be in the way (a conflict or a failed
                // verification, rolled back): retry a few times, then wait for the next event.
                LogMessages.WatcherReapplyFailed(_logger, _policy.InterfaceName, attempt, ex);
                await Task.Delay(RetryDelay * attempt, _stop.Token).ConfigureAwait(false);
            }
        }
    }
}
