using System.Text;
using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>ovsdb-server concatenates JSON texts with no delimiter; the client must find each one's end.</summary>
public class FramingTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Reply_arriving_one_byte_at_a_time_is_read(bool traceWire)
    {
        await using var h = Harness.Create(traceWire: traceWire);
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        string reply = $$"""{"id":{{request.GetProperty("id").GetRawText()}},"result":["Open_vSwitch","_Server"],"error":null}""";

        await h.Peer.SendBytesAsync(Encoding.UTF8.GetBytes(reply), chunkSize: 1);

        Assert.Equal(["Open_vSwitch", "_Server"], await call);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Several_messages_in_one_write_with_whitespace_between_are_all_read(bool traceWire)
    {
        await using var h = Harness.Create(traceWire: traceWire);
        Task<IReadOnlyList<string>> first = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement r1 = await h.Peer.ExpectRequestAsync("list_dbs");
        Task<IReadOnlyList<string>> second = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement r2 = await h.Peer.ExpectRequestAsync("list_dbs");

        await h.Peer.SendAsync(
            $$"""  {"id":{{r2.GetProperty("id")}},"result":["b"],"error":null}{"id":"echo","method":"echo","params":[]}""" +
            $$"""{{"\n\t\r "}}{"id":{{r1.GetProperty("id")}},"result":["a"],"error":null}  """);

        Assert.Equal(["a"], await first);
        Assert.Equal(["b"], await second);
        Assert.Equal("""{"id":"echo","result":[],"error":null}""", await h.Peer.ReceiveRawAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Multibyte_utf8_split_across_writes_is_decoded_whole(bool traceWire)
    {
        await using var h = Harness.Create(traceWire: traceWire);
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        const string name = "brücke-€-😀";
        byte[] reply = Encoding.UTF8.GetBytes($$"""{"id":{{request.GetProperty("id")}},"result":["{{name}}"],"error":null}""");

        // Split inside each multi-byte sequence: 2-byte ü, 3-byte €, 4-byte emoji.
        int cut1 = Array.IndexOf(reply, (byte)0xC3) + 1;
        int cut2 = Array.IndexOf(reply, (byte)0xE2) + 2;
        int cut3 = Array.IndexOf(reply, (byte)0xF0) + 3;
        await h.Peer.SendBytesAsync(reply[..cut1], int.MaxValue);
        await h.Peer.SendBytesAsync(reply[cut1..cut2], int.MaxValue);
        await h.Peer.SendBytesAsync(reply[cut2..cut3], int.MaxValue);
        await h.Peer.SendBytesAsync(reply[cut3..], int.MaxValue);

        Assert.Equal([name], await call);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Braces_inside_strings_do_not_end_a_message(bool traceWire)
    {
        await using var h = Harness.Create(traceWire: traceWire);
        Task<IReadOnlyList<string>> call = h.Client.ListDatabasesAsync(TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("list_dbs");
        await h.Peer.SendBytesAsync(
            Encoding.UTF8.GetBytes($$"""{"id":{{request.GetProperty("id")}},"result":["}{\"]","{["],"error":null}"""), chunkSize: 3);
        Assert.Equal(["}{\"]", "{["], await call);
    }
}
