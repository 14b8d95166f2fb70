
namespace OvsNet;

/// <summary>What both public monitor kinds share: their id, registration and <c>monitor_cancel</c>.</summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class MonitorCore
{
    private readonly OvsdbClient client;
    private readonly IMonitorTarget target;
    private string monitorId;
    private int cancelled;

    public MonitorCore(OvsdbClient client, string database, string monitorId, IMonitorTarget target)
    {
        this.client = client;
        this.Database = database;
        this.monitorId = monitorId;
        this.target = target;
    }

    public string Database { get; }

    public string MonitorId => Volatile.Read(ref this.monitorId);

    /// <summary>Re-registers the monitor under a new id (monitor_cond_change); returns the previous id.</summary>
    public string SwitchId(string newId)
    {
        string old = Interlocked.Exchange(ref this.monitorId, newId);
        this.client.Router.RemoveMonitor(old, this.target);
        LogMessages.MonitorConditionsChanged(this.client.Logger, old, newId);
        return old;
    }

    public async Task CancelAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref this.cancelled, 1) != 0)
        {
            return;
        }

        string id = this.MonitorId;

        // End the stream first: a monitor applying backpressure may hold the read loop, which must read the reply.
        // Updates already queued stay readable; later ones are dropped.
        this.target.Complete(null);
        try
        {
            if (this.client.IsConnected)
            {
                await this.client.InvokeAsync("monitor_cancel", [id], cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OvsdbRpcException ex) when (ex.Error == "unknown monitor")
        {
            // Already gone (cancelled by the server with monitor_canceled).
        }
        catch (OvsdbConnectionException)
        {
            // The connection ended: the server dropped the monitor with it.
        }
        finally
        {
            this.client.Router.RemoveMonitor(id, this.target);
            LogMessages.MonitorCancelled(this.client.Logger, id);
        }
    }
}
