using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>The transaction builder: one transact, named-uuids, checks before sending, typed failures.</summary>
public class TransactionTests
{
    private const string Schema = """
        {"name":"Open_vSwitch","version":"8.3.1","tables":{
          "Open_vSwitch":{"columns":{"bridges":{"type":{"key":{"type":"uuid","refTable":"Bridge"},"min":0,"max":"unlimited"}}},"isRoot":true,"maxRows":1},
          "Bridge":{"columns":{"name":{"type":"string","mutable":false},"ports":{"type":{"key":{"type":"uuid","refTable":"Port"},"min":0,"max":"unlimited"}}},"isRoot":true},
          "Port":{"columns":{"name":{"type":"string"}}}}}
        """;

    [Fact]
    public async Task Builder_sends_one_transact_with_named_uuids()
    {
        await using var h = Harness.Create();
        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        OvsdbNamedUuid port = txn.Insert("Port", new OvsdbRow([new("name", "p0")]));
        OvsdbNamedUuid bridge = txn.Insert("Bridge", new OvsdbRow([new("name", "br0"), new("ports", OvsdbSet.Of(port))]));
        txn.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(bridge))]).Comment("add br0");
        Task<OvsdbTransactResult> commit = txn.CommitAsync(TestTimeouts.CallToken());

        JsonElement request = await h.Peer.ExpectRequestAsync("transact");
        JsonElement p = request.GetProperty("params");
        Assert.Equal(5, p.GetArrayLength());
        Assert.Equal("Open_vSwitch", p[0].GetString());
        Assert.Equal("insert", p[1].GetProperty("op").GetString());
        Assert.Equal(port.Name, p[1].GetProperty("uuid-name").GetString());
        Assert.Contains($"[\"named-uuid\",\"{port.Name}\"]", p[2].GetProperty("row").GetRawText(), StringComparison.Ordinal);
        Assert.Equal("mutate", p[3].GetProperty("op").GetString());
        Assert.Equal("[]", p[3].GetProperty("where").GetRawText());
        Assert.Equal("comment", p[4].GetProperty("op").GetString());

        await h.Peer.ReplyAsync(request, """[{"uuid":["uuid","11111111-1111-1111-1111-111111111111"]},{"uuid":["uuid","22222222-2222-2222-2222-222222222222"]},{"count":1},{}]""");
        OvsdbTransactResult result = await commit;
        Assert.True(result.Succeeded);
        Assert.Equal(OvsdbUuid.Parse("22222222-2222-2222-2222-222222222222"), result.Results[1]!.Uuid);
    }

    [Fact]
    public async Task Failed_operation_becomes_OvsdbTransactionException_naming_the_operation()
    {
        await using var h = Harness.Create();
        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        txn.Comment("first");
        txn.Delete("Bridge", [OvsdbCondition.Equal("name", "br0")]);
        Task commit = txn.CommitAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("transact"), """[{},{"error":"constraint violation","details":"no"}]""");

        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => commit);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Equal(OvsdbOperationKind.Delete, ex.Operation);
        Assert.Equal("Bridge", ex.Table);
        Assert.Equal(OvsdbErrorKind.ConstraintViolation, ex.ErrorKind);
        Assert.Contains("operation 1 (delete Bridge)", ex.Message, StringComparison.Ordinal);
        Assert.NotNull(ex.Result);
    }

    [Fact]
    public async Task Trailing_commit_error_is_reported_as_the_commit()
    {
        await using var h = Harness.Create();
        Task commit = h.Client.CreateTransaction("Open_vSwitch").Comment("x").CommitAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("transact"), """[{},{"error":"referential integrity violation","details":"dangling"}]""");

        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => commit);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Null(ex.Operation);
        Assert.Equal(OvsdbErrorKind.ReferentialIntegrityViolation, ex.ErrorKind);
    }

    [Fact]
    public async Task Names_are_checked_before_anything_is_sent()
    {
        await using var h = Harness.Create();
        Assert.Throws<ArgumentException>(() => h.Client.CreateTransaction("Open vSwitch"));
        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        Assert.Throws<ArgumentException>(() => txn.Insert("Bad-Table", OvsdbRow.Empty));
        Assert.Throws<ArgumentException>(() => txn.Insert("Bridge", OvsdbRow.Empty, "1bad"));
        txn.Insert("Bridge", OvsdbRow.Empty, "b");
        Assert.Throws<ArgumentException>(() => txn.Insert("Bridge", OvsdbRow.Empty, "b"));
        Assert.Throws<ArgumentException>(() => txn.Assert("no such lock"));

        txn.Insert("Port", new OvsdbRow([new("name", new OvsdbNamedUuid("undefined"))]));
        ArgumentException ex = Assert.Throws<ArgumentException>(() => { _ = txn.CommitAsync(); });
        Assert.Contains("undefined", ex.Message, StringComparison.Ordinal);
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Schema_validation_is_off_by_default_even_after_GetSchemaAsync()
    {
        await using var h = Harness.Create();
        Task schema = h.Client.GetSchemaAsync("Open_vSwitch", TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("get_schema"), Schema);
        await schema;

        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        Assert.False(txn.IsSchemaValidated);
        txn.Insert("NoSuchTable", OvsdbRow.Empty);
        Task<OvsdbTransactResult> commit = txn.CommitAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("transact");
        Assert.Equal("NoSuchTable", request.GetProperty("params")[1].GetProperty("table").GetString());
        await h.Peer.ReplyAsync(request, """[{"error":"unknown table","details":"No table named NoSuchTable."}]""");
        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => commit);
        Assert.Equal(0, ex.FailedIndex);
    }

    [Fact]
    public async Task With_validation_on_the_first_commit_fetches_the_schema_and_rejects_before_sending()
    {
        await using var h = Harness.Create(configure: o => new OvsdbClientOptions { LoggerFactory = o.LoggerFactory, ValidateAgainstSchema = true });
        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        Assert.True(txn.IsSchemaValidated);
        txn.Insert("Bridge", new OvsdbRow([new("nosuchcolumn", "x")]));
        Task<OvsdbTransactResult> commit = txn.CommitAsync(TestTimeouts.CallToken());

        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("get_schema"), Schema);
        ArgumentException ex = await Assert.ThrowsAsync<ArgumentException>(() => commit);
        Assert.Contains("nosuchcolumn", ex.Message, StringComparison.Ordinal);
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));

        // Cached from then on: the next transaction checks each operation as it is added, without another get_schema.
        OvsdbTransaction next = h.Client.CreateTransaction("Open_vSwitch");
        Assert.Throws<ArgumentException>(() => next.Insert("NoSuchTable", OvsdbRow.Empty));
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task With_validation_on_a_monitor_fetches_the_schema_and_rejects_an_unknown_column_before_sending()
    {
        await using var h = Harness.Create(configure: o => new OvsdbClientOptions { LoggerFactory = o.LoggerFactory, ValidateAgainstSchema = true });
        var requests = new Dictionary<string, IReadOnlyList<OvsNet.Protocol.MonitorRequest>>
        {
            ["Bridge"] = [new OvsNet.Protocol.MonitorRequest { Columns = ["nosuchcolumn"] }],
        };
        Task monitor = h.Client.MonitorCondAsync("Open_vSwitch", requests, TestTimeouts.CallToken());

        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("get_schema"), Schema);
        await Assert.ThrowsAsync<ArgumentException>(() => monitor);
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task With_a_known_schema_tables_columns_and_values_are_checked_before_sending()
    {
        await using var h = Harness.Create(configure: o => new OvsdbClientOptions { LoggerFactory = o.LoggerFactory, ValidateAgainstSchema = true });
        Task schema = h.Client.GetSchemaAsync("Open_vSwitch", TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("get_schema"), Schema);
        await schema;

        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        Assert.True(txn.IsSchemaValidated);
        Assert.Throws<ArgumentException>(() => txn.Insert("NoSuchTable", OvsdbRow.Empty));
        Assert.Throws<ArgumentException>(() => txn.Insert("Bridge", new OvsdbRow([new("nosuchcolumn", "x")])));
        Assert.Throws<ArgumentException>(() => txn.Insert("Bridge", new OvsdbRow([new("name", 42)])));
        Assert.Throws<ArgumentException>(() => txn.Delete("Bridge", [OvsdbCondition.Equal("nosuchcolumn", 1)]));
        Assert.Throws<ArgumentException>(() => txn.Select("Bridge", [], ["nosuchcolumn"]));
        Assert.Throws<ArgumentException>(() => txn.Mutate("Open_vSwitch", [], [new OvsdbMutation("nosuch", Mutator.Add, 1)]));
        txn.Insert("Bridge", new OvsdbRow([new("name", "br0")]));
        Assert.Single(txn.Operations);
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task A_transaction_commits_once()
    {
        await using var h = Harness.Create();
        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch").Comment("x");
        Task commit = txn.CommitAsync(TestTimeouts.CallToken());
        Assert.Throws<InvalidOperationException>(() => { _ = txn.CommitAsync(); });
        Assert.Throws<InvalidOperationException>(() => txn.Comment("late"));
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("transact"), "[{}]");
        await commit;
    }

    [Fact]
    public async Task Raw_transact_rejects_an_empty_list()
    {
        await using var h = Harness.Create();
        await Assert.ThrowsAsync<ArgumentException>(() => h.Client.TransactAsync("Open_vSwitch", []));
    }

    [Fact]
    public async Task Durable_appends_a_commit_with_durable_true_and_Abort_an_abort()
    {
        await using var h = Harness.Create();
        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        txn.Insert("Port", new OvsdbRow([new("name", "p0")]));
        txn.Abort();
        txn.Durable = true;
        Task<OvsdbTransactResult> commit = txn.CommitAsync(TestTimeouts.CallToken());

        JsonElement request = await h.Peer.ExpectRequestAsync("transact");
        JsonElement p = request.GetProperty("params");
        Assert.Equal(4, p.GetArrayLength());
        Assert.Equal("""{"op":"abort"}""", p[2].GetRawText());
        Assert.Equal("""{"op":"commit","durable":true}""", p[3].GetRawText());
        Assert.Equal(2, txn.Operations.Count);

        await h.Peer.ReplyAsync(request, """[{"uuid":["uuid","11111111-1111-1111-1111-111111111111"]},{"error":"aborted"}]""");
        OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => commit);
        Assert.Equal(1, ex.FailedIndex);
        Assert.Equal(OvsdbOperationKind.Abort, ex.Operation);
        Assert.Equal(OvsdbErrorKind.Aborted, ex.ErrorKind);
    }

    [Fact]
    public async Task Without_Durable_no_commit_operation_is_sent()
    {
        await using var h = Harness.Create();
        OvsdbTransaction txn = h.Client.CreateTransaction("Open_vSwitch");
        txn.Insert("Port", new OvsdbRow([new("name", "p0")]));
        Task<OvsdbTransactResult> commit = txn.CommitAsync(TestTimeouts.CallToken());

        JsonElement request = await h.Peer.ExpectRequestAsync("transact");
        Assert.Equal(2, request.GetProperty("params").GetArrayLength());
        await h.Peer.ReplyAsync(request, """[{"uuid":["uuid","11111111-1111-1111-1111-111111111111"]}]""");
        Assert.True((await commit).Succeeded);
    }
}
