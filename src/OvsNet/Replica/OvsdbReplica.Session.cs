
namespace OvsNet.Replica;

/// <content>Following an <see cref="OvsdbSession"/>: re-attaching after every reconnection.</content>
public sealed partial class OvsdbReplica
{
    /// <summary>
    /// Starts a replica over a reconnecting session. The replica registers <see cref="OvsdbSession.OnConnected"/>: after
    /// every reconnection, before the session reports itself connected, it resumes with <c>monitor_cond_since</c> from
    /// its last transaction id (clustered servers send only the delta) or reloads with one atomic swap. Returns once the
    /// replica holds the server's contents.
    /// </summary>
    /// <param name="session">The session (not owned; dispose the replica first).</param>
    /// <param name="options">What to replicate.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running replica.</returns>
    /// <exception cref="ArgumentException">The options do not fit the server's schema.</exception>
    public static async Task<OvsdbReplica> StartAsync(OvsdbSession session, OvsdbReplicaOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(session);
        var replica = new OvsdbReplica(options);

        // Options that do not fit the schema fail the start, wherever the first attach runs: a callback that threw
        // would make the session drop every connection and never report itself connected.
        var unfit = new TaskCompletionSource<OvsdbClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        replica.sessionRegistration = session.OnConnected(async (client, ct) =>
        {
            try
            {
                await replica.AttachAsync(client, ct).ConfigureAwait(false);
            }
            catch (ArgumentException ex) when (replica.LastSynchronization == OvsdbReplicaSynchronization.None)
            {
                unfit.TrySetException(ex);
            }
        });
        try
        {
            // The callback only runs from the next connection on; attach to the current one unless it already ran.
            while (true)
            {
                Task<OvsdbClient> connected = session.GetClientAsync(cancellationToken);
                OvsdbClient client = await (await Task.WhenAny(connected, unfit.Task).ConfigureAwait(false)).ConfigureAwait(false);
                try
                {
                    await replica.AttachCoreAsync(client, onlyIfDetached: true, cancellationToken).ConfigureAwait(false);
                    await LeaveReplyContinuationAsync().ConfigureAwait(false);
                    return replica;
                }
                catch (OvsdbConnectionException) when (!client.IsConnected)
                {
                    // Lost while attaching: the session reconnects and the callback (or the next turn) attaches.
                }
            }
        }
        catch
        {
            await replica.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
