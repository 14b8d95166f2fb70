using System.Buffers;
using System.Text;
using System.Text.Json;
using Nerdbank.Streams;
using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// A scripted OVSDB server over an in-memory duplex stream: the test reads each JSON text the client sends (checking
/// its exact shape) and writes the bytes a real ovsdb-server would send, in any chunking. Its framing is a separate,
/// deliberately simple implementation (not the client's), so a framing bug cannot hide on both sides.
/// </summary>
/// <remarks>Not thread-safe: drive it from one test flow. Reads and writes may overlap each other.</remarks>
public sealed class ScriptedOvsdbPeer : IAsyncDisposable
{
    private static readonly HashSet<string> AllowedMembers = ["id", "method", "params", "result", "error"];

    private readonly Stream stream;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly List<byte> pending = [];
    private readonly byte[] readBuffer = new byte[4096];

    private ScriptedOvsdbPeer(Stream stream) => this.stream = stream;

    /// <summary>Creates a peer and the client's end of the stream.</summary>
    public static (ScriptedOvsdbPeer Peer, Stream ClientStream) Create()
    {
        (Stream server, Stream client) = FullDuplexStream.CreatePair();
        return (new ScriptedOvsdbPeer(server), client);
    }

    /// <summary>Reads the next JSON text the client sent, exactly as sent.</summary>
    public async Task<string> ReceiveRawAsync(CancellationToken cancellationToken = default)
    {
        using CancellationTokenSource timeout = Linked(cancellationToken);
        while (true)
        {
            if (TryFrame(this.pending, out int length))
            {
                string text = Encoding.UTF8.GetString([.. this.pending.GetRange(0, length)]).Trim();
                this.pending.RemoveRange(0, length);
                return text;
            }

            int read = await this.stream.ReadAsync(this.readBuffer, timeout.Token);
            if (read == 0)
            {
                throw new EndOfStreamException("The client closed the stream. Pending bytes: " + Encoding.UTF8.GetString([.. this.pending]));
            }

            this.pending.AddRange(this.readBuffer.AsSpan(0, read));
        }
    }

    /// <summary>Reads the next message and checks the JSON-RPC 1.0 envelope ovsdb-server insists on.</summary>
    public async Task<JsonElement> ReceiveAsync(CancellationToken cancellationToken = default)
    {
        string text = await this.ReceiveRawAsync(cancellationToken);
        JsonElement message = JsonElement.Parse(text);
        Assert.Equal(JsonValueKind.Object, message.ValueKind);
        foreach (JsonProperty member in message.EnumerateObject())
        {
            Assert.True(AllowedMembers.Contains(member.Name), $"unexpected member \"{member.Name}\" in {text}");
        }

        if (message.TryGetProperty("method", out _))
        {
            Assert.True(message.TryGetProperty("params", out JsonElement parameters), $"no params in {text}");
            Assert.Equal(JsonValueKind.Array, parameters.ValueKind);
            Assert.True(message.TryGetProperty("id", out _), $"no id member in {text} (notifications need \"id\":null)");
        }
        else
        {
            Assert.True(message.TryGetProperty("result", out _), $"a reply without result: {text}");
            Assert.True(message.TryGetProperty("error", out _), $"a reply without error: {text}");
        }

        return message;
    }

    /// <summary>Reads the next message and checks it is a request for <paramref name="method"/> with a non-null id.</summary>
    public async Task<JsonElement> ExpectRequestAsync(string method, CancellationToken cancellationToken = default)
    {
        JsonElement message = await this.ReceiveAsync(cancellationToken);
        Assert.Equal(method, message.GetProperty("method").GetString());
        Assert.NotEqual(JsonValueKind.Null, message.GetProperty("id").ValueKind);
        return message;
    }

    /// <summary>Reads the next message and checks it is a notification (<c>"id":null</c>) for <paramref name="method"/>.</summary>
    public async Task<JsonElement> ExpectNotificationAsync(string method, CancellationToken cancellationToken = default)
    {
        JsonElement message = await this.ReceiveAsync(cancellationToken);
        Assert.Equal(method, message.GetProperty("method").GetString());
        Assert.Equal(JsonValueKind.Null, message.GetProperty("id").ValueKind);
        return message;
    }

    /// <summary>Writes raw text (one or more JSON texts, or garbage) in one write.</summary>
    public async Task SendAsync(string text, CancellationToken cancellationToken = default)
        => await this.SendBytesAsync(Encoding.UTF8.GetBytes(text), chunkSize: int.MaxValue, cancellationToken);

    /// <summary>Writes raw bytes in chunks of <paramref name="chunkSize"/> (1 = one byte per write), flushing each.</summary>
    public async Task SendBytesAsync(byte[] bytes, int chunkSize, CancellationToken cancellationToken = default)
    {
        using CancellationTokenSource timeout = Linked(cancellationToken);
        await this.writeLock.WaitAsync(timeout.Token);
        try
        {
            for (int offset = 0; offset < bytes.Length; offset += chunkSize)
            {
                await this.stream.WriteAsync(bytes.AsMemory(offset, Math.Min(chunkSize, bytes.Length - offset)), timeout.Token);
                await this.stream.FlushAsync(timeout.Token);
            }
        }
        finally
        {
            this.writeLock.Release();
        }
    }

    /// <summary>Replies <c>{"id":..,"result":..,"error":null}</c> to <paramref name="request"/>.</summary>
    public Task ReplyAsync(JsonElement request, string resultJson, CancellationToken cancellationToken = default)
        => this.SendAsync($"{{\"id\":{request.GetProperty("id").GetRawText()},\"result\":{resultJson},\"error\":null}}", cancellationToken);

    /// <summary>Replies with an error and no result member, as ovsdb-server does (<c>{"id":9,"error":"unknown method"}</c>).</summary>
    public Task ReplyErrorAsync(JsonElement request, string errorJson, CancellationToken cancellationToken = default)
        => this.SendAsync($"{{\"id\":{request.GetProperty("id").GetRawText()},\"error\":{errorJson}}}", cancellationToken);

    /// <summary>Sends a notification the way ovsdb-server does (<c>"id":null</c>).</summary>
    public Task NotifyAsync(string method, string paramsJson, CancellationToken cancellationToken = default)
        => this.SendAsync($"{{\"id\":null,\"method\":\"{method}\",\"params\":{paramsJson}}}", cancellationToken);

    /// <summary>Checks that the client sends nothing within <paramref name="quietPeriod"/>.</summary>
    public async Task AssertSilentAsync(TimeSpan quietPeriod)
    {
        if (this.pending.Exists(b => b is not ((byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t')))
        {
            Assert.Fail("The client sent: " + Encoding.UTF8.GetString([.. this.pending]));
        }

        using var quiet = new CancellationTokenSource(quietPeriod);
        try
        {
            int read = await this.stream.ReadAsync(this.readBuffer, quiet.Token);
            if (read > 0)
            {
                this.pending.AddRange(this.readBuffer.AsSpan(0, read));
                Assert.Fail("The client sent: " + Encoding.UTF8.GetString([.. this.pending]));
            }
        }
        catch (OperationCanceledException) when (quiet.IsCancellationRequested)
        {
        }
    }

    /// <summary>Closes the server's end (the client sees end of stream).</summary>
    public ValueTask DisposeAsync()
    {
        this.writeLock.Dispose();
        return this.stream.DisposeAsync();
    }

    private static CancellationTokenSource Linked(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(TestTimeouts.Call);
        return source;
    }

    private static bool TryFrame(List<byte> bytes, out int length)
    {
        // Brace counting that honours strings and escapes: independent of Utf8JsonReader on purpose.
        int depth = 0;
        bool inString = false, escaped = false, started = false;
        for (int i = 0; i < bytes.Count; i++)
        {
            byte b = bytes[i];
            if (inString)
            {
                if (escaped)
                {
                    escaped = false;
                }
                else if (b == '\\')
                {
                    escaped = true;
                }
                else if (b == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (b)
            {
                case (byte)'"':
                    inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    depth++;
                    started = true;
                    break;
                case (byte)'}' or (byte)']':
                    depth--;
                    if (started && depth == 0)
                    {
                        length = i + 1;
                        return true;
                    }

                    break;
            }
        }

        length = 0;
        return false;
    }
}
