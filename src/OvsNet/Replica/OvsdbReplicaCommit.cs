using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>The outcome of an optimistic replica transaction.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbReplicaCommit
{
    internal OvsdbReplicaCommit(OvsdbTransactResult? result, int attempts, OvsdbReplicaSnapshot snapshot)
    {
        this.Result = result;
        this.Attempts = attempts;
        this.Snapshot = snapshot;
    }

    /// <summary>
    /// Gets the results of the function's own operations (indexes as the function added them; the verifying waits are
    /// removed), or null when the function added no operation and nothing was sent.
    /// </summary>
    public OvsdbTransactResult? Result { get; }

    /// <summary>Gets how many times the function ran (1 when there was no conflict).</summary>
    public int Attempts { get; }

    /// <summary>Gets a snapshot that includes the transaction's effects (read-your-writes).</summary>
    public OvsdbReplicaSnapshot Snapshot { get; }
}
