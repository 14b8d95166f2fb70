using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Replica.Tests;

/// <summary>Shared helpers: starting replicas on the fixture, the <c>ovsdb-client dump</c> witness, waiting.</summary>
internal static class ReplicaTestKit
{
    public static readonly string[] VswitchTables = ["Open_vSwitch", "Bridge", "Port", "Interface"];

    public static OvsdbReplicaOptions AllColumns(OvsdbReplicaMonitorMethod method = OvsdbReplicaMonitorMethod.Auto, params OvsdbReplicaIndex[] indexes) => new()
    {
        Tables = [.. VswitchTables.Select(t => new OvsdbReplicaTableOptions(t))],
        Indexes = indexes,
        MonitorMethod = method,
    };

    public static async Task<(OvsdbClient Client, OvsdbReplica Replica)> StartAsync(OvsdbServerFixture server, OvsdbReplicaOptions options)
    {
        OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        OvsdbReplica replica = await OvsdbReplica.StartAsync(client, options, TestTimeouts.CallToken());
        return (client, replica);
    }

    /// <summary>The table as <c>ovsdb-client --format=json dump</c> prints it (an independent reader), normalized to the schema.</summary>
    public static Task<Dictionary<OvsdbUuid, OvsdbRow>> DumpAsync(OvsdbServerFixture server, TableSchema table) => OvsdbDump.DumpAsync(server.UnixEndpoint, table);

    /// <summary>Asserts that the snapshot's table equals the server's dump, row by row and column by column.</summary>
    public static Task AssertEqualsDumpAsync(OvsdbServerFixture server, OvsdbReplicaSnapshot snapshot, string tableName)
        => OvsdbDump.AssertReplicaEqualsDumpAsync(server.UnixEndpoint, snapshot, tableName);

    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Eventually);
        while (!condition())
        {
            if (timeout.IsCancellationRequested)
            {
                Assert.Fail("timed out waiting until " + what);
            }

            await Task.Delay(20);
        }
    }
}
