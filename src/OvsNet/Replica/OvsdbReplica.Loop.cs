using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <content>The apply loop: one per connection, the replica's only writer besides attaching.</content>
public sealed partial class OvsdbReplica
{
    private async Task RunLoopAsync(MonitorHandle monitor)
    {
        try
        {
            if (monitor.Conditional is OvsdbConditionalMonitor conditional)
            {
                await foreach (OvsdbMonitorUpdate update in conditional.ReadUpdatesAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    this.ApplyUpdate(monitor, update.Updates, null, update.LastTransactionId);
                }
            }
            else
            {
                await foreach (TableUpdates update in monitor.Plain!.ReadUpdatesAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    this.ApplyUpdate(monitor, null, update, null);
                }
            }
        }
        catch (ArgumentException ex)
        {
            this.Fail(monitor, new OvsdbProtocolException($"The replica of {this.Database} received an update it cannot apply: {ex.Message}", ex));
            await monitor.CancelAsync().ConfigureAwait(false);
        }
        catch (OvsdbException ex)
        {
            // Connection lost, or monitor_canceled: keep the last snapshot; a session (or the caller) attaches again.
            lock (this.writeLock)
            {
                if (ReferenceEquals(this.handle, monitor) && this.state == OvsdbReplicaState.Synchronized)
                {
                    this.SetStateLocked(OvsdbReplicaState.Disconnected);
                    this.error = ex;
                }
            }

            ReplicaLog.Disconnected(this.logger, this.Database, ex);
        }
        catch (Exception ex) when (ex is InvalidOperationException or KeyNotFoundException or FormatException or OverflowException)
        {
            this.Fail(monitor, new OvsdbProtocolException($"The replica of {this.Database} received an update it cannot apply: {ex.Message}", ex));
            await monitor.CancelAsync().ConfigureAwait(false);
        }
        finally
        {
            monitor.MarkEnded();
        }
    }

    private void ApplyUpdate(MonitorHandle monitor, TableUpdates2? update2, TableUpdates? update1, OvsdbUuid? lastTransactionId)
    {
        lock (this.writeLock)
        {
            var changes = new List<OvsdbReplicaChange>();
            OvsdbReplicaSnapshot next = update2 is not null
                ? SnapshotUpdater.Apply(this.current, update2, lastTransactionId, changes)
                : SnapshotUpdater.Apply(this.current, update1!, changes);
            this.Publish(next, changes);
        }

        monitor.MarkApplied();
    }

    private void Fail(MonitorHandle monitor, OvsdbProtocolException failure)
    {
        System.Collections.Immutable.ImmutableArray<OvsdbReplicaSubscription> ending;
        lock (this.writeLock)
        {
            if (!ReferenceEquals(this.handle, monitor))
            {
                return;
            }

            this.SetStateLocked(OvsdbReplicaState.Faulted);
            this.error = failure;
            this.resumable = false;
            ending = this.subscribers;
            this.subscribers = [];
        }

        ReplicaLog.Faulted(this.logger, this.Database, failure);
        foreach (OvsdbReplicaSubscription subscription in ending)
        {
            subscription.Complete(failure);
        }
    }
}
