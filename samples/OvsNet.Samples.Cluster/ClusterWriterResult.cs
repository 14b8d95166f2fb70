namespace OvsNet.Samples.Cluster;

/// <summary>What <see cref="ClusterWriter.RunAsync"/> did.</summary>
/// <param name="Acknowledged">Transactions the server acknowledged on the first try.</param>
/// <param name="Failed">Transactions that failed transiently (connection lost, leader gone) on the first try.</param>
/// <param name="Retried">Failed ones inserted again after the check found them missing.</param>
/// <param name="AlreadyCommitted">Failed ones the check found committed after all (the reply was lost, not the commit).</param>
/// <param name="FinalCount">Rows of this run in the database at the end.</param>
/// <param name="Reconnects">How many times the session reconnected.</param>
public sealed record ClusterWriterResult(int Acknowledged, int Failed, int Retried, int AlreadyCommitted, int FinalCount, int Reconnects);
