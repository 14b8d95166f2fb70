using System.Collections.Concurrent;
using System.Globalization;
using OvsNet.Protocol;

namespace OvsNet.Samples.Cluster;

/// <summary>
/// Writes <c>count</c> uniquely numbered rows (QoS rows with <c>external_ids:{run, seq}</c>) through an
/// <see cref="OvsdbSession"/> with a few concurrent writers. A transaction that fails transiently is not re-sent
/// blindly: once the writers are done, each failed one is looked up first and inserted only when missing, because a
/// transaction whose reply was lost with the leader may well have committed.
/// </summary>
public static class ClusterWriter
{
    /// <summary>Runs the writer against <paramref name="remotes"/>.</summary>
    /// <param name="remotes">Comma-separated remotes, e.g. <c>tcp:127.0.0.1:6641,tcp:127.0.0.1:6642</c>.</param>
    /// <param name="count">How many rows to write.</param>
    /// <param name="output">Where progress goes.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <param name="acknowledgedHook">
    /// Optional: awaited by the writer after each acknowledged transaction with the number acknowledged so far (a test
    /// uses it to kill the leader at a known point of the run instead of after a guessed delay).
    /// </param>
    /// <returns>The counts.</returns>
    public static async Task<ClusterWriterResult> RunAsync(
        string remotes, int count, TextWriter output, CancellationToken cancellationToken = default, Func<int, Task>? acknowledgedHook = null)
    {
        string run = Guid.NewGuid().ToString("N");
        int reconnects = 0;
        OvsdbSession session = OvsdbSession.Create(new OvsdbSessionOptions
        {
            Remotes = remotes,
            LeaderOnly = true,
            MinBackoff = TimeSpan.FromMilliseconds(200),
            MaxBackoff = TimeSpan.FromSeconds(2),
            InactivityProbe = TimeSpan.FromSeconds(2),
        });
        await using (session.ConfigureAwait(false))
        {
            session.StateChanged += (_, e) =>
            {
                if (e.NewState == OvsdbSessionState.Reconnecting)
                {
                    Interlocked.Increment(ref reconnects);
                }

                output.WriteLine($"session: {e.OldState} -> {e.NewState} {e.Endpoint} {e.Exception?.Message}");
            };
            await session.StartAsync(cancellationToken).ConfigureAwait(false);
            output.WriteLine($"connected to the leader {session.CurrentEndpoint} ({session.CurrentServerStatus})");

            var acknowledged = new ConcurrentBag<int>();
            int acknowledgedCount = 0;
            var failed = new ConcurrentBag<int>();
            int next = -1;
            async Task WriterAsync()
            {
                int seq;
                while ((seq = Interlocked.Increment(ref next)) < count)
                {
                    try
                    {
                        OvsdbClient client = await session.GetClientAsync(cancellationToken).ConfigureAwait(false);
                        await InsertAsync(client, run, seq, cancellationToken).ConfigureAwait(false);
                        acknowledged.Add(seq);
                        int soFar = Interlocked.Increment(ref acknowledgedCount);
                        if (acknowledgedHook is not null)
                        {
                            await acknowledgedHook(soFar).ConfigureAwait(false);
                        }
                    }
                    catch (OvsdbException ex) when (ex.IsTransient)
                    {
                        failed.Add(seq);
                    }
                }
            }

            await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WriterAsync())).ConfigureAwait(false);

            int retried = 0, already = 0;
            foreach (int seq in failed.Order())
            {
                while (true)
                {
                    try
                    {
                        OvsdbClient client = await session.GetClientAsync(cancellationToken).ConfigureAwait(false);
                        if ((await SelectAsync(client, run, seq, cancellationToken).ConfigureAwait(false)).Count > 0)
                        {
                            already++;
                        }
                        else
                        {
                            await InsertAsync(client, run, seq, cancellationToken).ConfigureAwait(false);
                            retried++;
                        }

                        break;
                    }
                    catch (OvsdbException ex) when (ex.IsTransient)
                    {
                        // Lost again before or after the check: check again on the next connection.
                    }
                }
            }

            OvsdbClient final = await session.GetClientAsync(cancellationToken).ConfigureAwait(false);
            int finalCount = (await SelectAsync(final, run, seq: null, cancellationToken).ConfigureAwait(false)).Count;
            var result = new ClusterWriterResult(acknowledged.Count, failed.Count, retried, already, finalCount, reconnects);
            output.WriteLine($"acknowledged={result.Acknowledged} failed={result.Failed} retried={result.Retried} already-committed={result.AlreadyCommitted} final={result.FinalCount} reconnects={result.Reconnects} leader={session.CurrentEndpoint}");
            return result;
        }
    }

    private static async Task InsertAsync(OvsdbClient client, string run, int seq, CancellationToken cancellationToken)
    {
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", new OvsdbRow([new("type", "linux-htb"), new("external_ids", Tags(run, seq))]));
        await txn.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<OvsdbRow>> SelectAsync(OvsdbClient client, string run, int? seq, CancellationToken cancellationToken)
    {
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        int index = txn.Select("QoS", [OvsdbCondition.Includes("external_ids", Tags(run, seq))], ["_uuid"]);
        OvsdbTransactResult result = await txn.CommitAsync(cancellationToken).ConfigureAwait(false);
        return result.Results[index]!.Rows!;
    }

    private static OvsdbMap Tags(string run, int? seq) => OvsdbMap.FromStrings(seq is int n
        ? [new("run", run), new("seq", n.ToString(CultureInfo.InvariantCulture))]
        : [new("run", run)]);
}
