using System.Globalization;
using OvsNet.Protocol;
using OvsNet.Replica;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// The workloads through OvsNet's public API, as an application writes them: the transaction builder (schema
/// validation on, the schema fetched before the timed work), CommitAsync, EchoAsync, MonitorCondAsync.
/// </summary>
internal static class OvsNetWorkloads
{
    public static async Task<OvsdbClient> ConnectAsync(string endpoint)
    {
        OvsdbClient client = await OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = endpoint, ValidateAgainstSchema = true });
        await client.GetSchemaAsync("Open_vSwitch");
        return client;
    }

    public static async Task BulkAsync(OvsdbClient client, string bridge, string prefix, int n)
    {
        OvsdbTransaction tx = client.CreateTransaction("Open_vSwitch");
        var ports = new OvsdbAtom[n];
        for (int i = 0; i < n; i++)
        {
            string name = prefix + i.ToString(CultureInfo.InvariantCulture);
            OvsdbNamedUuid iface = tx.Insert("Interface", new OvsdbRow([new("name", name), new("type", "internal")]));
            ports[i] = tx.Insert("Port", new OvsdbRow([new("name", name), new("interfaces", OvsdbSet.Of(iface))]));
        }

        OvsdbNamedUuid br = tx.Insert("Bridge", new OvsdbRow([new("name", bridge), new("ports", new OvsdbSet(ports))]));
        tx.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(br))]);
        await tx.CommitAsync();
    }

    public static async Task ChurnAsync(OvsdbClient client, string bridge, string prefix, int n)
    {
        for (int i = 0; i < n; i++)
        {
            await AddPort(client, bridge, prefix + i.ToString(CultureInfo.InvariantCulture)).CommitAsync();
        }
    }

    /// <summary>N transactions in flight at once: every CommitAsync issued, then awaited together.</summary>
    public static async Task PipelinedAsync(OvsdbClient client, string bridge, string prefix, int n)
    {
        var commits = new Task<OvsdbTransactResult>[n];
        for (int i = 0; i < n; i++)
        {
            commits[i] = AddPort(client, bridge, prefix + i.ToString(CultureInfo.InvariantCulture)).CommitAsync();
        }

        await Task.WhenAll(commits);
    }

    public static Task SelectNextCfgAsync(OvsdbClient client)
    {
        OvsdbTransaction tx = client.CreateTransaction("Open_vSwitch");
        tx.Select("Open_vSwitch", [], ["next_cfg"]);
        return tx.CommitAsync();
    }

    /// <summary>
    /// The replica (src/OvsNet/Replica, OvsdbReplica.StartAsync): every table and column of the database; it fetches the
    /// schema, starts the monitor (monitor_cond_since on 3.1), loads the initial rows and builds the schema's indexes.
    /// </summary>
    public static async Task<(OvsdbClient Client, OvsdbReplica Replica, int Rows)> SyncReplicaAsync(string endpoint, DatabaseSchema schema)
    {
        OvsdbClient client = await OvsdbClient.ConnectAsync(endpoint);
        OvsdbReplica replica = await OvsdbReplica.StartAsync(client, new OvsdbReplicaOptions
        {
            Tables = [.. schema.Tables.Keys.Select(t => new OvsdbReplicaTableOptions(t))],
        });
        OvsdbReplicaSnapshot snapshot = replica.Current;
        int rows = snapshot.TableNames.Sum(t => snapshot.GetTable(t).Count);
        return (client, replica, rows);
    }

    /// <summary>
    /// The replica's building blocks without the replica ("ovsnet-mon"): monitor_cond on every table and column, the
    /// initial update2 applied with Update2Applier into per-table dictionaries (the stand-in used before the replica).
    /// </summary>
    public static async Task<(OvsdbClient Client, Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>> Replica, int Rows)> SyncAsync(string endpoint, DatabaseSchema schema)
    {
        OvsdbClient client = await OvsdbClient.ConnectAsync(endpoint);
        var requests = new Dictionary<string, IReadOnlyList<MonitorRequest>>(StringComparer.Ordinal);
        foreach (string table in schema.Tables.Keys)
        {
            requests[table] = [new MonitorRequest()];
        }

        OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", requests);
        var replica = new Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>>(StringComparer.Ordinal);
        int rows = 0;
        foreach (string table in schema.Tables.Keys)
        {
            replica[table] = [];
        }

        foreach (KeyValuePair<string, TableUpdate2> table in monitor.Initial)
        {
            TableSchema tableSchema = schema.Tables[table.Key];
            Dictionary<OvsdbUuid, OvsdbRow> cache = replica[table.Key];
            foreach (KeyValuePair<OvsdbUuid, RowUpdate2> row in table.Value)
            {
                cache.TryGetValue(row.Key, out OvsdbRow? current);
                OvsdbRow? next = Update2Applier.Apply(tableSchema, current, row.Value);
                if (next is null)
                {
                    cache.Remove(row.Key);
                }
                else
                {
                    cache[row.Key] = next;
                }
            }

            rows += cache.Count;
        }

        return (client, replica, rows);
    }

    private static OvsdbTransaction AddPort(OvsdbClient client, string bridge, string name)
    {
        OvsdbTransaction tx = client.CreateTransaction("Open_vSwitch");
        OvsdbNamedUuid iface = tx.Insert("Interface", new OvsdbRow([new("name", name), new("type", "internal")]));
        OvsdbNamedUuid port = tx.Insert("Port", new OvsdbRow([new("name", name), new("interfaces", OvsdbSet.Of(iface))]));
        tx.Mutate("Bridge", [OvsdbCondition.Equal("name", bridge)], [new OvsdbMutation("ports", Mutator.Insert, OvsdbSet.Of(port))]);
        return tx;
    }
}
