using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>Transactions against a real server, checked by independent witnesses (ovs-vsctl, the Python IDL).</summary>
[Trait("Category", "Integration")]
public class TransactionTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Theory]
    [MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task A_bridge_created_in_one_transaction_appears_in_ovs_vsctl_show(string transport)
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(
            new OvsdbClientOptions { Endpoint = server.EndpointFor(transport), ValidateAgainstSchema = true }, TestTimeouts.CallToken());
        string name = Rows.UniqueName("br");

        OvsdbTransaction txn = Rows.AddBridge(client, name);
        Assert.True(txn.IsSchemaValidated);
        OvsdbTransactResult result = await txn.CommitAsync(TestTimeouts.CallToken());

        Assert.True(result.Succeeded);
        Assert.NotNull(result.Results[2]!.Uuid);
        string show = await server.VsctlAsync("show");
        Assert.Contains($"Bridge {name}", show, StringComparison.Ordinal);
        Assert.Contains($"Port {name}", show, StringComparison.Ordinal);
        Assert.Contains($"Interface {name}", show, StringComparison.Ordinal);
        Assert.Contains("type: internal", show, StringComparison.Ordinal);
        Assert.Equal("internal", (await server.VsctlAsync("get", "Interface", name, "type")).Trim());
    }

    [Fact]
    public async Task The_python_idl_sees_the_bridge_OvsNet_created()
    {
        server.Require();
        Prerequisites.Require(File.Exists("/usr/bin/python3"), "/usr/bin/python3 with python3-openvswitch");
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        string name = Rows.UniqueName("py");
        await Rows.AddBridge(client, name).CommitAsync(TestTimeouts.CallToken());

        string bridges = await PythonIdl.ListBridgesAsync(server.UnixEndpoint);
        Assert.Contains(name, bridges.Split('\n', StringSplitOptions.TrimEntries));
    }

    [Theory]
    [MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task A_bad_operation_fails_with_its_index(string transport)
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.EndpointFor(transport), TestTimeouts.CallToken());

        // Schema validation is off by default: the server rejects operation 1.
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch").Comment("ok");
        txn.Insert("NoSuchTable", OvsdbRow.Empty);
        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => txn.CommitAsync(TestTimeouts.CallToken()));
        Assert.Equal(1, ex.FailedIndex);
        Assert.Equal(OvsdbOperationKind.Insert, ex.Operation);
        Assert.Equal("NoSuchTable", ex.Table);
        Assert.Contains("operation 1", ex.Message, StringComparison.Ordinal);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_dangling_reference_fails_at_commit()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        string name = Rows.UniqueName("ri");
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        OvsdbNamedUuid port = txn.Insert("Port", new OvsdbRow([new("name", name), new("interfaces", OvsdbSet.Of(new OvsdbUuid(Guid.NewGuid())))]));
        OvsdbNamedUuid bridge = txn.Insert("Bridge", new OvsdbRow([new("name", name), new("ports", OvsdbSet.Of(port))]));
        txn.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(bridge))]);

        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => txn.CommitAsync(TestTimeouts.CallToken()));
        Assert.Equal(OvsdbErrorKind.ReferentialIntegrityViolation, ex.ErrorKind);
        Assert.Null(ex.Operation);
        Assert.Equal(3, ex.FailedIndex);
        Assert.DoesNotContain(name, await server.VsctlAsync("show"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wait_that_never_holds_times_out()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch")
            .Wait("Open_vSwitch", [], [new OvsdbRow([new("next_cfg", -1)])], WaitUntil.Equal, TimeSpan.FromMilliseconds(200), ["next_cfg"]);
        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => txn.CommitAsync(TestTimeouts.CallToken()));
        Assert.Equal(OvsdbErrorKind.TimedOut, ex.ErrorKind);
        Assert.Equal(0, ex.FailedIndex);
        Assert.Equal(OvsdbOperationKind.Wait, ex.Operation);
    }

    [Theory]
    [MemberData(nameof(Transports.All), MemberType = typeof(Transports))]
    public async Task Cancelling_a_blocked_wait_completes_locally_and_the_connection_stays_healthy(string transport)
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.EndpointFor(transport), TestTimeouts.CallToken());
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch")
            .Wait("Open_vSwitch", [], [new OvsdbRow([new("next_cfg", -1)])], WaitUntil.Equal, TimeSpan.FromSeconds(3), ["next_cfg"]);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // Completing locally: the call ends as cancelled, not with the wait's "timed out" reply the server sends after 3 s.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => txn.CommitAsync(cts.Token).WaitAsync(TestTimeouts.Call));

        // The server cancelled the wait and never replies; a reply after 3 s would break the connection if it came.
        // This delay is the observation window itself (nothing must arrive in it), not a synchronisation.
        await Task.Delay(TimeSpan.FromSeconds(3.5), TestContext.Current.CancellationToken);
        Assert.True(client.IsConnected);
        Assert.Contains("Open_vSwitch", await client.ListDatabasesAsync(TestTimeouts.CallToken()));
    }

    [Fact]
    public async Task Without_the_option_an_invalid_operation_reaches_the_server_even_after_GetSchemaAsync()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        await client.GetSchemaAsync("Open_vSwitch", TestTimeouts.CallToken());

        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        Assert.False(txn.IsSchemaValidated);
        txn.Insert("Bridge", new OvsdbRow([new("name", Rows.UniqueName("br")), new("nosuchcolumn", "x")]));
        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => txn.CommitAsync(TestTimeouts.CallToken()));
        Assert.Equal(0, ex.FailedIndex);
        Assert.Equal(OvsdbErrorKind.UnknownColumn, ex.ErrorKind);
    }

    [Fact]
    public async Task With_the_option_an_invalid_operation_is_rejected_before_the_transact_without_GetSchemaAsync()
    {
        server.Require();
        string name = Rows.UniqueName("br");
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(
            new OvsdbClientOptions { Endpoint = server.UnixEndpoint, ValidateAgainstSchema = true }, TestTimeouts.CallToken());

        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        Assert.True(txn.IsSchemaValidated);
        txn.Insert("Bridge", new OvsdbRow([new("name", name), new("nosuchcolumn", "x")]));
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => txn.CommitAsync(TestTimeouts.CallToken()));
        Assert.Contains("nosuchcolumn", ex.Message, StringComparison.Ordinal);
        Assert.Equal("", (await server.VsctlAsync("--columns=name", "find", "Bridge", $"name={name}")).Trim());

        // The schema fetched for that commit is cached: the next transaction is checked as each operation is added.
        OvsdbTransaction next = client.CreateTransaction("Open_vSwitch");
        Assert.Throws<ArgumentException>(() => next.Insert("NoSuchTable", OvsdbRow.Empty));
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task Abort_fails_the_commit_with_the_typed_aborted_error_and_writes_nothing()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        string name = Rows.UniqueName("ab");

        OvsdbTransaction txn = Rows.AddBridge(client, name).Abort(); // five operations, then the abort at index 5
        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => txn.CommitAsync(TestTimeouts.CallToken()));

        Assert.Equal(5, ex.FailedIndex);
        Assert.Equal(OvsdbOperationKind.Abort, ex.Operation);
        Assert.Equal(OvsdbErrorKind.Aborted, ex.ErrorKind);
        Assert.False(ex.IsTransient);
        Assert.Null(ex.Table);
        Assert.DoesNotContain(name, await server.VsctlAsync("--no-wait", "list-br"), StringComparison.Ordinal);
        Assert.True(client.IsConnected);
    }

    [Fact]
    public async Task A_durable_transaction_appends_a_durable_commit_and_commits()
    {
        server.Require();
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.UnixEndpoint, TestTimeouts.CallToken());
        string name = Rows.UniqueName("du");

        OvsdbTransaction txn = Rows.AddBridge(client, name);
        Assert.False(txn.Durable);
        txn.Durable = true;
        OvsdbTransactResult result = await txn.CommitAsync(TestTimeouts.CallToken());

        Assert.True(result.Succeeded);
        Assert.Equal(txn.Operations.Count + 1, result.Results.Count); // the commit's result is last
        Assert.NotNull(result.Results[2]!.Uuid);
        Assert.Contains(name, await server.VsctlAsync("--no-wait", "list-br"), StringComparison.Ordinal);
    }
}
