using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>Server errors come as a string or an object, with no result member; both become OvsdbRpcException.</summary>
public class ErrorTests
{
    [Fact]
    public async Task String_error_becomes_OvsdbRpcException()
    {
        await using var h = Harness.Create();
        Task call = h.Client.GetServerIdAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("get_server_id");
        await h.Peer.ReplyErrorAsync(request, "\"unknown method\"");

        OvsdbRpcException ex = await Assert.ThrowsAsync<OvsdbRpcException>(() => call);
        Assert.Equal("get_server_id", ex.Method);
        Assert.Equal("unknown method", ex.Error);
        Assert.Equal(OvsdbErrorKind.UnknownMethod, ex.ErrorKind);
        Assert.Equal("\"unknown method\"", ex.RawError);
        Assert.Contains("get_server_id", ex.Message, StringComparison.Ordinal);
        Assert.False(ex.IsTransient);
        Assert.True(h.Client.IsConnected);
    }

    [Fact]
    public async Task Object_error_becomes_OvsdbRpcException_with_details()
    {
        await using var h = Harness.Create();
        Task call = h.Client.GetSchemaAsync("Nope", TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("get_schema");
        await h.Peer.ReplyErrorAsync(request, """{"syntax":"[\"Nope\"]","details":"get_schema request specifies unknown database Nope","error":"unknown database"}""");

        OvsdbRpcException ex = await Assert.ThrowsAsync<OvsdbRpcException>(() => call);
        Assert.Equal(OvsdbErrorKind.UnknownDatabase, ex.ErrorKind);
        Assert.Equal("get_schema request specifies unknown database Nope", ex.Details);
        Assert.Contains("\"syntax\"", ex.RawError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Error_with_result_null_is_still_an_error()
    {
        await using var h = Harness.Create();
        Task call = h.Client.EchoAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("echo");
        await h.Peer.SendAsync($$$"""{"id":{{{request.GetProperty("id")}}},"result":null,"error":{"error":"not leader"}}""");

        OvsdbRpcException ex = await Assert.ThrowsAsync<OvsdbRpcException>(() => call);
        Assert.Equal(OvsdbErrorKind.NotLeader, ex.ErrorKind);
        Assert.True(ex.IsTransient);
    }

    [Fact]
    public async Task Connection_stays_usable_after_an_error()
    {
        await using var h = Harness.Create();
        Task failing = h.Client.GetServerIdAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyErrorAsync(await h.Peer.ExpectRequestAsync("get_server_id"), "\"unknown method\"");
        await Assert.ThrowsAsync<OvsdbRpcException>(() => failing);

        Task<IReadOnlyList<string>> ok = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        await h.Peer.ReplyAsync(await h.Peer.ExpectRequestAsync("list_dbs"), "[\"x\"]");
        Assert.Equal(["x"], await ok);
    }

    [Fact]
    public async Task Server_closing_the_stream_fails_pending_calls_as_transient_connection_errors()
    {
        await using var h = Harness.Create();
        Task call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.DisposeAsync();

        OvsdbConnectionException ex = await Assert.ThrowsAsync<OvsdbConnectionException>(() => call);
        Assert.True(ex.IsTransient);
        Assert.Contains("list_dbs", ex.Message, StringComparison.Ordinal);
        await h.Client.Completion.WaitAsync(TestTimeouts.Call);
        Assert.False(h.Client.IsConnected);
        await Assert.ThrowsAsync<OvsdbConnectionException>(() => h.Client.ListDatabasesAsync(TestTimeouts.CallToken()));
    }
}
