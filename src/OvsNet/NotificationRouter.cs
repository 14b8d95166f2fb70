using System.Text.Json;
using OvsNet.Rpc;

namespace OvsNet;

/// <summary>
/// Routes the server's notifications, in wire order and on the read loop, to the monitor or lock they name. Monitors
/// are registered under their id before their request is sent, so no update can arrive for an unknown monitor; their
/// updates are enqueued here, before the read loop hands the next reply to its caller.
/// </summary>
/// <remarks>Thread-safe: registrations come from any thread, notifications from the read loop.</remarks>
internal sealed class NotificationRouter : IOvsdbNotificationSink
{
    private readonly OvsdbClient client;
    private readonly Lock gate = new();
    private readonly Dictionary<string, IMonitorTarget> monitors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ILockTarget> locks = new(StringComparer.Ordinal);
    private Exception? closedReason;
    private Task? readPause;

    public NotificationRouter(OvsdbClient client) => this.client = client;

    /// <summary>Registers a monitor id; when the connection is already closed, the target is completed at once.</summary>
    /// <returns>False when <paramref name="monitorId"/> is already registered.</returns>
    public bool TryAddMonitor(string monitorId, IMonitorTarget target)
    {
        Exception? closed;
        lock (this.gate)
        {
            closed = this.closedReason;
            if (closed is null && !this.monitors.TryAdd(monitorId, target))
            {
                return false;
            }
        }

        if (closed is not null)
        {
            target.Complete(closed);
        }

        return true;
    }

    /// <summary>Unregisters a monitor id (the target is not completed).</summary>
    public void RemoveMonitor(string monitorId, IMonitorTarget target)
    {
        lock (this.gate)
        {
            if (this.monitors.TryGetValue(monitorId, out IMonitorTarget? current) && ReferenceEquals(current, target))
            {
                this.monitors.Remove(monitorId);
            }
        }
    }

    /// <summary>Registers a lock name; false when this client already has a handle for it.</summary>
    public bool TryAddLock(string name, ILockTarget target)
    {
        Exception? closed;
        lock (this.gate)
        {
            closed = this.closedReason;
            if (closed is null && !this.locks.TryAdd(name, target))
            {
                return false;
            }
        }

        if (closed is not null)
        {
            target.OnConnectionClosed(closed);
        }

        return true;
    }

    /// <summary>Unregisters a lock name.</summary>
    public void RemoveLock(string name, ILockTarget target)
    {
        lock (this.gate)
        {
            if (this.locks.TryGetValue(name, out ILockTarget? current) && ReferenceEquals(current, target))
            {
                this.locks.Remove(name);
            }
        }
    }

    /// <inheritdoc/>
    public void OnNotification(string method, JsonElement parameters)
    {
        if (parameters.GetArrayLength() == 0)
        {
            throw new OvsdbProtocolException($"Received {method} with empty params.");
        }

        JsonElement first = parameters[0];
        string key = first.ValueKind == JsonValueKind.String ? first.GetString()! : first.GetRawText();
        switch (method)
        {
            case "update" or "update2" or "update3":
                IMonitorTarget? monitor = this.FindMonitor(key);
                if (monitor is null)
                {
                    // Possible after monitor_cancel was sent and before its reply: the server may still flush updates.
                    LogMessages.UpdateForUnknownMonitor(this.client.Logger, method, key);
                    return;
                }

                switch (monitor.OnUpdate(key, method, parameters, out Task? pause))
                {
                    case MonitorDelivery.Paused:
                        this.readPause = pause;
                        break;
                    case MonitorDelivery.Lagged:
                        this.RemoveMonitor(key, monitor);
                        LogMessages.MonitorLagged(this.client.Logger, key);
                        _ = this.CancelLaggedMonitorAsync(key);
                        break;
                }

                return;

            case "monitor_canceled":
                IMonitorTarget? canceled;
                lock (this.gate)
                {
                    this.monitors.Remove(key, out canceled);
                }

                LogMessages.MonitorCanceledByServer(this.client.Logger, key);
                canceled?.Complete(new OvsdbException(
                    $"The server cancelled monitor {key} (monitor_canceled): its database was removed or converted to a new schema."));
                return;

            case "locked" or "stolen":
                ILockTarget? target;
                lock (this.gate)
                {
                    this.locks.TryGetValue(key, out target);
                }

                LogMessages.LockEvent(this.client.Logger, key, method);
                if (method == "locked")
                {
                    target?.OnLocked();
                }
                else
                {
                    target?.OnStolen();
                }

                return;
        }
    }

    /// <inheritdoc/>
    public Task? TakeReadPause()
    {
        // Only the read loop sets and takes it.
        Task? pause = this.readPause;
        this.readPause = null;
        return pause;
    }

    /// <inheritdoc/>
    public void OnConnectionClosed(Exception fault)
    {
        IMonitorTarget[] monitorTargets;
        ILockTarget[] lockTargets;
        lock (this.gate)
        {
            this.closedReason ??= fault;
            monitorTargets = [.. this.monitors.Values];
            lockTargets = [.. this.locks.Values];
            this.monitors.Clear();
            this.locks.Clear();
        }

        foreach (IMonitorTarget monitor in monitorTargets)
        {
            monitor.Complete(fault);
        }

        foreach (ILockTarget target in lockTargets)
        {
            target.OnConnectionClosed(fault);
        }
    }

    /// <summary>Tells the server to stop a monitor whose consumer lagged (off the read loop, which must not wait for the reply).</summary>
    private async Task CancelLaggedMonitorAsync(string monitorId)
    {
        await Task.Yield();
        try
        {
            if (this.client.IsConnected)
            {
                await this.client.InvokeAsync("monitor_cancel", [monitorId], CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (OvsdbException ex)
        {
            // The connection ended (the server dropped the monitor with it) or the server already cancelled it.
            LogMessages.MonitorCancelFailed(this.client.Logger, monitorId, ex);
        }
    }

    private IMonitorTarget? FindMonitor(string key)
    {
        lock (this.gate)
        {
            return this.monitors.GetValueOrDefault(key);
        }
    }
}
