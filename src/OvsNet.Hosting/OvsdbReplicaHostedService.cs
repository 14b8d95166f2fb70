using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OvsNet.Replica;

namespace OvsNet.Hosting;

/// <summary>
/// Loads a registered replica in the background once the host has started (the load waits for the session's first
/// connection) and disposes it when the host stops. A replica whose options do not fit the schema is a start error,
/// reported by <see cref="OvsdbHostedReplica.StartError"/>, the log and the health check.
/// </summary>
internal sealed class OvsdbReplicaHostedService(OvsdbHostedReplica holder, OvsdbSession session, Func<OvsdbReplicaOptions> options, ILogger logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task loading = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        OvsdbReplicaOptions replicaOptions = options();
        this.loading = Task.Run(() => this.LoadAsync(replicaOptions), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await this.stopping.CancelAsync().ConfigureAwait(false);
        await this.loading.ConfigureAwait(false);
        holder.SetStopped();
        if (holder.Replica is { } replica)
        {
            await replica.DisposeAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => this.stopping.Dispose();

    private async Task LoadAsync(OvsdbReplicaOptions replicaOptions)
    {
        try
        {
            OvsdbReplica replica = await OvsdbReplica.StartAsync(session, replicaOptions, this.stopping.Token).ConfigureAwait(false);
            holder.SetReady(replica);
            HostingLog.ReplicaLoaded(logger, replicaOptions.Database, replica.Current.Version);
        }
        catch (OperationCanceledException) when (this.stopping.IsCancellationRequested)
        {
            holder.SetStopped();
        }
        catch (ObjectDisposedException) when (this.stopping.IsCancellationRequested)
        {
            holder.SetStopped();
        }
        catch (Exception ex)
        {
            HostingLog.ReplicaStartFailed(logger, replicaOptions.Database, ex);
            holder.SetFailed(ex);
        }
    }
}
