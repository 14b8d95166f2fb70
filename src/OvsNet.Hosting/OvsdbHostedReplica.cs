using OvsNet.Replica;

namespace OvsNet.Hosting;

/// <summary>
/// A replica started and stopped with the host (<see cref="OvsNetServiceCollectionExtensions.AddOvsdbReplica(Microsoft.Extensions.DependencyInjection.IServiceCollection, string?, Microsoft.Extensions.Configuration.IConfiguration?, Action{OvsdbReplicaSettings}?)"/>).
/// The replica exists only once it holds the server's contents: until then <see cref="Replica"/> is null and
/// <see cref="WaitAsync"/> waits. Inject this type (keyed like its session) rather than <see cref="OvsdbReplica"/>.
/// </summary>
public sealed class OvsdbHostedReplica
{
    private readonly TaskCompletionSource<OvsdbReplica> ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal OvsdbHostedReplica(string? serviceKey) => this.ServiceKey = serviceKey;

    /// <summary>Gets the service key of the replica and its session (null: the unkeyed one).</summary>
    public string? ServiceKey { get; }

    /// <summary>Gets the replica once its initial load has completed, or null before (or when it could not start).</summary>
    public OvsdbReplica? Replica => this.ready.Task.IsCompletedSuccessfully ? this.ready.Task.Result : null;

    /// <summary>Gets why the replica could not start (its options do not fit the server's schema), or null.</summary>
    public Exception? StartError => this.ready.Task.IsFaulted ? this.ready.Task.Exception!.InnerException : null;

    /// <summary>Waits until the replica holds the server's contents.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The replica.</returns>
    /// <exception cref="ArgumentException">The replica could not start: its options do not fit the server's schema.</exception>
    /// <exception cref="OperationCanceledException">The host stopped before the load, or <paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<OvsdbReplica> WaitAsync(CancellationToken cancellationToken = default) => this.ready.Task.WaitAsync(cancellationToken);

    internal void SetReady(OvsdbReplica replica) => this.ready.TrySetResult(replica);

    internal void SetFailed(Exception error) => this.ready.TrySetException(error);

    internal void SetStopped() => this.ready.TrySetCanceled();
}
