using System.Text;
using System.Text.Json;
using OvsNet.Rpc;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>
/// Plain replies are read without a JSON document: the result's own text is copied out and decoded once by the
/// caller. Everything else takes the general path, which builds an element; both must give the same results.
/// </summary>
public class ReplyReadingTests
{
    private const string Result = """[ "a" , {"k":[1,2.5,"\u00e9\"}"]} ,null,true ]""";

    [Theory]
    [InlineData("""{"id":ID,"result":RESULT,"error":null}""")]
    [InlineData("""{"result":RESULT,"error":null,"id":ID}""")]
    [InlineData("""{"error":null,"id":ID,"result":RESULT}""")]
    [InlineData("""{ "id" : ID , "result" : RESULT }""")]
    public async Task A_plain_reply_in_any_member_order_comes_back_as_the_result_text_sent(string template)
    {
        await using var h = Harness.Create();
        Task<RpcReply> call = h.Client.InvokeRawAsync("list_dbs", [], TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.SendAsync(template.Replace("ID", request.GetProperty("id").GetRawText(), StringComparison.Ordinal).Replace("RESULT", Result, StringComparison.Ordinal));

        RpcReply reply = await call;
        Assert.True(reply.IsText);
        Assert.Equal(Result, Encoding.UTF8.GetString(reply.Utf8));
        Assert.Equal(JsonSerializer.Serialize(JsonDocument.Parse(Result).RootElement), JsonSerializer.Serialize(reply.Element));
        h.AssertNoWarnings();
    }

    [Fact]
    public async Task With_wire_tracing_on_the_same_reply_takes_the_general_path_and_reads_the_same()
    {
        await using var h = Harness.Create(traceWire: true);
        Task<RpcReply> call = h.Client.InvokeRawAsync("list_dbs", [], TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.ReplyAsync(request, Result);

        RpcReply reply = await call;
        Assert.False(reply.IsText);
        Assert.Equal(Result, Encoding.UTF8.GetString(reply.Utf8));
        Assert.Contains(h.Logs.Entries, e => e.Id.Id == 201); // Received {Json}
    }

    [Fact]
    public async Task A_result_of_megabytes_split_into_small_writes_is_copied_out_whole()
    {
        await using var h = Harness.Create();
        Task<RpcReply> call = h.Client.InvokeRawAsync("list_dbs", [], TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        string result = "[" + string.Join(",", Enumerable.Range(0, 60_000).Select(i => $"\"name-{i}-ü\"")) + "]"; // ~1 MB, many read segments
        byte[] reply = Encoding.UTF8.GetBytes($$"""{"id":{{request.GetProperty("id")}},"result":{{result}},"error":null}""");
        await h.Peer.SendBytesAsync(reply, chunkSize: 7000);

        RpcReply answer = await call;
        Assert.True(answer.IsText);
        Assert.Equal(result, Encoding.UTF8.GetString(answer.Utf8));
    }

    [Fact]
    public async Task Replies_that_are_not_plain_still_take_the_general_path()
    {
        await using var h = Harness.Create();

        // An error reply: a typed exception, as before.
        Task<RpcReply> failing = h.Client.InvokeRawAsync("list_dbs", [], TestTimeouts.CallToken());
        JsonElement first = await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.ReplyErrorAsync(first, "\"unknown method\"");
        await Assert.ThrowsAsync<OvsdbRpcException>(() => failing);

        // A reply without "result" reads as null; one with an extra member goes whole through the general path.
        Task<RpcReply> noResult = h.Client.InvokeRawAsync("list_dbs", [], TestTimeouts.CallToken());
        JsonElement second = await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.SendAsync($$"""{"id":{{second.GetProperty("id")}},"error":null}""");
        RpcReply none = await noResult;
        Assert.False(none.IsText);
        Assert.Equal(JsonValueKind.Null, none.Element.ValueKind);

        Task<RpcReply> extra = h.Client.InvokeRawAsync("list_dbs", [], TestTimeouts.CallToken());
        JsonElement third = await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.SendAsync($$"""{"id":{{third.GetProperty("id")}},"result":[1],"error":null,"x":0}""");
        RpcReply withExtra = await extra;
        Assert.False(withExtra.IsText);
        Assert.Equal("[1]", Encoding.UTF8.GetString(withExtra.Utf8));
    }
}
