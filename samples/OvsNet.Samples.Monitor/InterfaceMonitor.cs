using System.Globalization;
using OvsNet.Replica;
using OvsNet.Vswitch;

namespace OvsNet.Samples.Monitor;

/// <summary>
/// Prints Open_vSwitch interface changes live, from an OvsNet replica's change events:
/// <c>OvsNet.Samples.Monitor [--db unix:/run/openvswitch/db.sock] [--seconds N] [--count N]</c>.
/// It lists the interfaces it starts with, then one line per insert, update (the changed columns) and delete, and exits
/// after N seconds or N changes (whichever comes first), or on Ctrl+C.
/// </summary>
public static class InterfaceMonitor
{
    private static readonly string[] Columns = ["name", "type", "ofport", "admin_state", "link_state", "mac_in_use", "error", "external_ids"];

    /// <summary>Runs the monitor.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where to print.</param>
    /// <param name="cancellationToken">Stops the monitor.</param>
    /// <returns>The exit code: 0, or 2 for a bad command line.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        string db = "unix:/run/openvswitch/db.sock";
        double? seconds = null;
        int? count = null;
        for (int i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db" when i + 1 < args.Length:
                    db = args[++i];
                    break;
                case "--seconds" when i + 1 < args.Length && double.TryParse(args[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double s) && s > 0:
                    seconds = s;
                    i++;
                    break;
                case "--count" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int c) && c > 0:
                    count = c;
                    i++;
                    break;
                default:
                    await output.WriteLineAsync("usage: OvsNet.Samples.Monitor [--db ENDPOINT] [--seconds N] [--count N]");
                    return 2;
            }
        }

        await using OvsdbClient client = await OvsdbClient.ConnectAsync(db, cancellationToken);
        await using OvsdbReplica replica = await OvsdbReplica.StartAsync(client, new OvsdbReplicaOptions
        {
            Tables = [new OvsdbReplicaTableOptions(Interface.TableName) { Columns = Columns }],
        }, cancellationToken);

        using OvsdbReplicaSubscription subscription = replica.Subscribe(new OvsdbReplicaSubscriptionOptions { Tables = [Interface.TableName] });
        foreach (Interface iface in subscription.Snapshot.Table<Interface>().All.OrderBy(i => i.Name, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"present {Describe(iface)}");
        }

        await output.WriteLineAsync("watching interface changes");
        await output.FlushAsync(CancellationToken.None);

        // --seconds is how long to watch: it starts once the replica holds the initial rows.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (seconds is double limit)
        {
            stop.CancelAfter(TimeSpan.FromSeconds(limit));
        }

        int seen = 0;
        try
        {
            await foreach (OvsdbReplicaChange<Interface> change in subscription.ReadChangesAsync<Interface>(stop.Token))
            {
                string line = change.Kind switch
                {
                    OvsdbReplicaChangeKind.Insert => $"insert {Describe(change.New!)}",
                    OvsdbReplicaChangeKind.Delete => $"delete {change.Old!.Name}",
                    _ => $"update {change.New!.Name}: " + string.Join(", ", Columns.Where(change.Untyped.Changed).Select(c => $"{c}={change.Untyped.NewRow![c]}")),
                };
                await output.WriteLineAsync(line);
                await output.FlushAsync(CancellationToken.None);
                if (++seen == count)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // --seconds elapsed or Ctrl+C.
        }
        catch (OvsdbReplicaLaggedException ex)
        {
            await output.WriteLineAsync($"fell behind: {ex.Message}");
        }

        await output.WriteLineAsync($"{seen} change(s)");
        return 0;
    }

    private static string Describe(Interface iface)
        => $"{iface.Name} type={(iface.Type.Length == 0 ? "system" : iface.Type)} ofport={iface.Ofport?.ToString(CultureInfo.InvariantCulture) ?? "-"}"
           + (iface.ExternalIds.Count == 0 ? "" : " external_ids=" + string.Join(',', iface.ExternalIds.Select(p => $"{p.Key}={p.Value}")));
}
