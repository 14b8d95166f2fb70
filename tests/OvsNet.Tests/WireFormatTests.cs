using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>What the client writes: exactly the JSON-RPC 1.0 envelope ovsdb-server accepts (RFC 7047 §4).</summary>
public class WireFormatTests
{
    [Fact]
    public async Task Requests_have_no_jsonrpc_member_and_params_is_an_array()
    {
        await using var h = Harness.Create();
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());

        string raw = await h.Peer.ReceiveRawAsync();
        Assert.DoesNotContain("jsonrpc", raw, StringComparison.Ordinal);
        JsonElement request = JsonElement.Parse(raw);
        Assert.Equal(["id", "method", "params"], request.EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal(JsonValueKind.Array, request.GetProperty("params").ValueKind);
        Assert.Equal(0, request.GetProperty("params").GetArrayLength());
        Assert.Equal(JsonValueKind.Number, request.GetProperty("id").ValueKind);

        await h.Peer.ReplyAsync(request, """["Open_vSwitch","_Server"]""");
        Assert.Equal(["Open_vSwitch", "_Server"], await call);
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task Parameters_are_positional_in_an_array()
    {
        await using var h = Harness.Create();
        Task call = h.Client.GetSchemaAsync("Open_vSwitch", TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("get_schema");
        Assert.Equal("""["Open_vSwitch"]""", request.GetProperty("params").GetRawText());
        await h.Peer.ReplyAsync(request, """{"name":"Open_vSwitch","version":"1.0.0","tables":{"T":{"columns":{"a":{"type":"integer"}}}}}""");
        await call;
    }

    [Fact]
    public async Task Echo_from_the_server_is_answered_with_its_params_and_error_null()
    {
        await using var h = Harness.Create();
        await h.Peer.SendAsync("""{"id":"echo","method":"echo","params":["a",1,{"b":[]}]}""");

        string raw = await h.Peer.ReceiveRawAsync();
        Assert.Equal("""{"id":"echo","result":["a",1,{"b":[]}],"error":null}""", raw);
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task Notifications_from_the_server_get_no_reply()
    {
        await using var h = Harness.Create();
        await h.Peer.SendAsync("""{"id":null,"method":"locked","params":["nobody-asked"]}""");
        await h.Peer.SendAsync("""{"method":"stolen","params":["nobody-asked"]}""");

        // A following call proves both were read; nothing else may have been written before its request.
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.ReplyAsync(request, "[]");
        await call;
        await h.Peer.AssertSilentAsync(TimeSpan.FromMilliseconds(200));
    }

    [Fact]
    public async Task Unknown_server_requests_are_answered_with_an_error_string()
    {
        await using var h = Harness.Create();
        await h.Peer.SendAsync("""{"id":7,"method":"frobnicate","params":[]}""");
        Assert.Equal("""{"id":7,"result":null,"error":"unknown method"}""", await h.Peer.ReceiveRawAsync());
    }
}
