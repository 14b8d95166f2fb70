using System.Buffers;
using System.Text;
using System.Text.Json;
using OvsNet.Rpc;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// Property tests of <see cref="JsonValueFramer"/>: real captures concatenated and split at random points (including
/// inside multi-byte characters) always come back as the same messages; random garbage ends in a clear
/// <see cref="OvsdbProtocolException"/> or a partial value, never a hang or another exception.
/// </summary>
public sealed class FramerFuzzTests
{
    private static IReadOnlyList<string> Messages()
    {
        var messages = new List<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Captures"), "*.json").Order(StringComparer.Ordinal))
        {
            // A capture is either a whole reply or the result of one (a schema, a set of transact results): wrap those.
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file));
            string raw = document.RootElement.GetRawText();
            messages.Add(document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("id", out _) ? raw : $"{{\"id\":{messages.Count},\"result\":{raw},\"error\":null}}");
        }

        messages.Add("{\"id\":null,\"method\":\"update2\",\"params\":[\"m\",{\"T\":{\"u\":{\"modify\":{\"s\":\"h\u00e9llo \u4e16\u754c \ud83d\ude00\"}}}}]}");
        return messages;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Real_captures_split_at_random_points_frame_back_to_the_same_messages(int seed)
    {
        var random = new Random(seed);
        IReadOnlyList<string> messages = Messages();
        Assert.True(messages.Count >= 3, $"only {messages.Count} message captures");
        List<string> sent = [.. Enumerable.Range(0, 40).Select(_ => messages[random.Next(messages.Count)])];
        byte[] wire = Encoding.UTF8.GetBytes(string.Join(string.Empty, sent.Select(m => random.Next(3) == 0 ? " \n" + m : m)));

        var framer = new JsonValueFramer();
        var pending = new List<byte>();
        var received = new List<string>();
        int offset = 0;
        while (offset < wire.Length)
        {
            int chunk = Math.Min(wire.Length - offset, random.Next(4) == 0 ? 1 : random.Next(1, 300));
            pending.AddRange(wire.AsSpan(offset, chunk));
            offset += chunk;
            Drain(framer, pending, received, random);
        }

        Assert.False(framer.HasPartialValue);
        Assert.Equal(sent, received);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    [InlineData(13)]
    [InlineData(14)]
    public async Task Random_garbage_ends_in_a_clear_protocol_error_or_an_incomplete_value(int seed)
    {
        var random = new Random(seed);
        string[] fragments = ["{", "}", "[", "]", "\"", ":", ",", "1e400", "nul", "true", "\\u00", "\u00e9", " ", "{\"id\":", "NaN"];
        int errors = 0;
        for (int round = 0; round < 300; round++)
        {
            byte[] wire = random.Next(2) == 0
                ? Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256)).ToArray()
                : Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, random.Next(1, 20)).Select(_ => fragments[random.Next(fragments.Length)])));
            var framer = new JsonValueFramer();
            var pending = new List<byte>();
            var received = new List<string>();
            Task framing = Task.Run(() =>
            {
                foreach (byte b in wire)
                {
                    pending.Add(b);
                    Drain(framer, pending, received, random);
                }
            });

            // A hang is a wait that does not end: the bound is only the wait's upper limit.
            try
            {
                await framing.WaitAsync(TestTimeouts.Call);
            }
            catch (TimeoutException)
            {
                Assert.Fail("framing hung on " + Convert.ToHexString(wire));
            }
            catch (OvsdbProtocolException ex)
            {
                errors++;
                Assert.False(string.IsNullOrWhiteSpace(ex.Message));
                Assert.Matches("not valid JSON|where a JSON-RPC message", ex.Message);
            }
        }

        Assert.True(errors > 100, $"only {errors} of 300 garbage inputs were reported as errors");
    }

    [Fact]
    public async Task Garbage_from_the_server_fails_the_pending_call_with_a_protocol_error_and_does_not_hang()
    {
        (ScriptedOvsdbPeer peer, Stream stream) = ScriptedOvsdbPeer.Create();
        await using (peer)
        {
            await using OvsdbClient client = OvsdbClient.Create(stream);
            Task echo = client.EchoAsync(TestTimeouts.CallToken());
            await peer.ExpectRequestAsync("echo");
            await peer.SendBytesAsync([0x7b, 0x22, 0x69, 0xff, 0xfe, 0x22, 0x3a, 0x5d], chunkSize: 3);
            OvsdbException failure = await Assert.ThrowsAnyAsync<OvsdbException>(() => echo.WaitAsync(TestTimeouts.Call));
            Assert.Contains("protocol", failure.Message, StringComparison.OrdinalIgnoreCase);
            await client.Completion.WaitAsync(TestTimeouts.Call);
        }
    }

    private static void Drain(JsonValueFramer framer, List<byte> pending, List<string> received, Random random)
    {
        while (pending.Count > 0)
        {
            ReadOnlySequence<byte> buffer = Segmented([.. pending], random);
            if (!framer.TryReadFrame(buffer, out ReadOnlySequence<byte> frame, out SequencePosition consumed))
            {
                return;
            }

            received.Add(Encoding.UTF8.GetString(frame.ToArray()));
            pending.RemoveRange(0, (int)buffer.Slice(0, consumed).Length);
        }
    }

    /// <summary>The same bytes as a multi-segment sequence, as a pipe hands them over.</summary>
    private static ReadOnlySequence<byte> Segmented(byte[] bytes, Random random)
    {
        if (bytes.Length < 2 || random.Next(2) == 0)
        {
            return new ReadOnlySequence<byte>(bytes);
        }

        return Sequences.Split(bytes, random.Next(1, bytes.Length));
    }
}
