using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// The floor: the least a client can do on the wire. A unix/TCP socket, requests built with a
/// <see cref="Utf8JsonWriter"/>, replies cut by a brace-depth framer (string and escape aware) and never decoded beyond
/// checking for an error string; no StreamJsonRpc, no object model. What the server allows at no client cost.
/// I/O is blocking (Socket.Send/Receive on the caller's thread): no async state machines, no thread-pool hops between
/// the reply arriving and the caller seeing it. The methods return completed tasks only so the runner can treat every
/// client alike.
/// </summary>
/// <remarks>Not thread-safe except as used by <see cref="PipelinedChurnAsync"/> (one writer thread, one reader).</remarks>
internal sealed class FloorClient : IAsyncDisposable
{
    private static readonly byte[] ErrorString = "\"error\":\""u8.ToArray();
    private static readonly byte[] ErrorObject = "\"error\":{"u8.ToArray();
    private static readonly byte[] EchoMethod = "\"method\":\"echo\""u8.ToArray();

    private readonly Socket socket;
    private readonly ArrayBufferWriter<byte> output = new(4096);
    private byte[] input = new byte[64 * 1024];
    private int start;   // first unconsumed byte
    private int end;     // end of received bytes
    private int scan;    // framer position
    private int depth;
    private bool inString;
    private bool escaped;
    private long nextId;

    private FloorClient(Socket socket) => this.socket = socket;

    public static async Task<FloorClient> ConnectAsync(string endpoint)
    {
        Socket socket;
        EndPoint target;
        if (endpoint.StartsWith("unix:", StringComparison.Ordinal))
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            target = new UnixDomainSocketEndPoint(endpoint["unix:".Length..]);
        }
        else
        {
            string[] parts = endpoint.Split(':');
            socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            target = new IPEndPoint(IPAddress.Parse(parts[1]), int.Parse(parts[2], CultureInfo.InvariantCulture));
        }

        await socket.ConnectAsync(target);
        return new FloorClient(socket);
    }

    public ValueTask DisposeAsync()
    {
        this.socket.Dispose();
        return ValueTask.CompletedTask;
    }

    // ---- workloads ----

    public Task InsertRootRowAsync()
    {
        return this.TransactAsync(w =>
        {
            w.WriteStartObject();
            w.WriteString("op", "insert");
            w.WriteString("table", "Open_vSwitch");
            w.WriteStartObject("row");
            w.WriteEndObject();
            w.WriteEndObject();
        });
    }

    /// <summary>One transaction: bridge <paramref name="bridge"/> with <paramref name="n"/> internal ports, added to the root row.</summary>
    public Task BulkAsync(string bridge, string prefix, int n) => this.TransactAsync(w => WriteBulk(w, bridge, prefix, n));

    /// <summary>Like <see cref="BulkAsync"/>, returning the raw reply (for the micro-benchmark captures).</summary>
    public Task<byte[]> BulkReplyAsync(string bridge, string prefix, int n)
    {
        this.Write("transact", w => WriteBulk(w, bridge, prefix, n));
        this.Flush();
        ReadOnlyMemory<byte> reply = this.ReadReply();
        CheckNoError(reply.Span, "transact");
        return Task.FromResult(reply.ToArray());
    }

    /// <summary>An empty bridge, for the churn workloads.</summary>
    public Task AddBridgeAsync(string bridge) => this.BulkAsync(bridge, "unused", 0);

    /// <summary>N sequential transactions, each inserting Interface + Port and mutating Bridge.ports.</summary>
    public Task ChurnAsync(string bridge, string prefix, int n)
    {
        for (int i = 0; i < n; i++)
        {
            int k = i;
            this.Transact(w => WriteAddPort(w, bridge, prefix, k));
        }

        return Task.CompletedTask;
    }

    /// <summary>The same N transactions, written by a writer thread while this thread reads the replies.</summary>
    public Task PipelinedChurnAsync(string bridge, string prefix, int n)
    {
        long firstId = this.nextId;
        this.nextId += n;
        Task writer = Task.Factory.StartNew(() =>
        {
            var buffer = new ArrayBufferWriter<byte>(64 * 1024);
            using var json = new Utf8JsonWriter(buffer);
            for (int i = 0; i < n; i++)
            {
                json.Reset(buffer);
                WriteRequest(json, firstId + i, "transact", w => WriteAddPort(w, bridge, prefix, i));
                json.Flush();

                // Coalesce into ~64 kB writes: what a client that pipelines well does.
                if (buffer.WrittenCount >= 60 * 1024 || i == n - 1)
                {
                    this.SendAll(buffer.WrittenSpan);
                    buffer.ResetWrittenCount();
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        for (int i = 0; i < n; i++)
        {
            ReadOnlyMemory<byte> reply = this.ReadReply();
            CheckNoError(reply.Span, "transact");
        }

        return writer;
    }

    public Task EchoAsync()
    {
        this.Write("echo", w => w.WriteStringValue("ovsnet"));
        this.Flush();
        ReadOnlyMemory<byte> reply = this.ReadReply();
        CheckNoError(reply.Span, "echo");
        return Task.CompletedTask;
    }

    public Task SelectNextCfgAsync() => this.TransactAsync(w =>
    {
        w.WriteStartObject();
        w.WriteString("op", "select");
        w.WriteString("table", "Open_vSwitch");
        w.WriteStartArray("where");
        w.WriteEndArray();
        w.WriteStartArray("columns");
        w.WriteStringValue("next_cfg");
        w.WriteEndArray();
        w.WriteEndObject();
    });

    /// <summary>
    /// monitor_cond on every table and column; the reply is kept as bytes (the floor's "replica") and its rows counted
    /// by brace depth (root 1, result 2, table 3, row 4), never decoded.
    /// </summary>
    public Task<(byte[] Replica, int Rows)> SyncAsync(IReadOnlyList<string> tables)
    {
        this.Write("monitor_cond", w =>
        {
            w.WriteStringValue("Open_vSwitch");
            w.WriteStringValue("floor");
            w.WriteStartObject();
            foreach (string table in tables)
            {
                w.WriteStartObject(table);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        });
        this.Flush();
        ReadOnlyMemory<byte> reply = this.ReadReply();
        CheckNoError(reply.Span, "monitor_cond");
        return Task.FromResult((reply.ToArray(), CountRows(reply.Span)));
    }

    // ---- wire ----

    private static void WriteBulk(Utf8JsonWriter w, string bridge, string prefix, int n)
    {
        for (int i = 0; i < n; i++)
        {
            string name = prefix + i.ToString(CultureInfo.InvariantCulture);
            WriteInsert(w, "Interface", "i" + name, name, iface: null);
            WriteInsert(w, "Port", "p" + name, name, iface: "i" + name);
        }

        w.WriteStartObject();
        w.WriteString("op", "insert");
        w.WriteString("table", "Bridge");
        w.WriteString("uuid-name", "br");
        w.WriteStartObject("row");
        w.WriteString("name", bridge);
        w.WritePropertyName("ports");
        w.WriteStartArray();
        w.WriteStringValue("set");
        w.WriteStartArray();
        for (int i = 0; i < n; i++)
        {
            w.WriteStartArray();
            w.WriteStringValue("named-uuid");
            w.WriteStringValue("p" + prefix + i.ToString(CultureInfo.InvariantCulture));
            w.WriteEndArray();
        }

        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartObject();
        w.WriteString("op", "mutate");
        w.WriteString("table", "Open_vSwitch");
        w.WriteStartArray("where");
        w.WriteEndArray();
        w.WriteStartArray("mutations");
        w.WriteStartArray();
        w.WriteStringValue("bridges");
        w.WriteStringValue("insert");
        w.WriteStartArray();
        w.WriteStringValue("named-uuid");
        w.WriteStringValue("br");
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteAddPort(Utf8JsonWriter w, string bridge, string prefix, int k)
    {
        string name = prefix + k.ToString(CultureInfo.InvariantCulture);
        WriteInsert(w, "Interface", "i", name, iface: null);
        WriteInsert(w, "Port", "p", name, iface: "i");
        w.WriteStartObject();
        w.WriteString("op", "mutate");
        w.WriteString("table", "Bridge");
        w.WriteStartArray("where");
        w.WriteStartArray();
        w.WriteStringValue("name");
        w.WriteStringValue("==");
        w.WriteStringValue(bridge);
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteStartArray("mutations");
        w.WriteStartArray();
        w.WriteStringValue("ports");
        w.WriteStringValue("insert");
        w.WriteStartArray();
        w.WriteStringValue("named-uuid");
        w.WriteStringValue("p");
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteInsert(Utf8JsonWriter w, string table, string uuidName, string name, string? iface)
    {
        w.WriteStartObject();
        w.WriteString("op", "insert");
        w.WriteString("table", table);
        w.WriteString("uuid-name", uuidName);
        w.WriteStartObject("row");
        w.WriteString("name", name);
        if (iface is null)
        {
            w.WriteString("type", "internal");
        }
        else
        {
            w.WritePropertyName("interfaces");
            w.WriteStartArray();
            w.WriteStringValue("named-uuid");
            w.WriteStringValue(iface);
            w.WriteEndArray();
        }

        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter w, long id, string method, Action<Utf8JsonWriter> parameters)
    {
        w.WriteStartObject();
        w.WriteNumber("id", id);
        w.WriteString("method", method);
        w.WriteStartArray("params");
        if (method == "transact")
        {
            w.WriteStringValue("Open_vSwitch");
        }

        parameters(w);
        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void CheckNoError(ReadOnlySpan<byte> reply, string method)
    {
        if (reply.IndexOf(ErrorString) >= 0 || reply.IndexOf(ErrorObject) >= 0)
        {
            string text = Encoding.UTF8.GetString(reply.Length > 600 ? reply[..600] : reply);
            throw new InvalidOperationException($"floor {method} failed: {text}");
        }
    }

    private static int CountRows(ReadOnlySpan<byte> json)
    {
        int rows = 0, d = 0;
        bool str = false, esc = false;
        foreach (byte b in json)
        {
            if (str)
            {
                if (esc)
                {
                    esc = false;
                }
                else if (b == '\\')
                {
                    esc = true;
                }
                else if (b == '"')
                {
                    str = false;
                }
            }
            else if (b == '"')
            {
                str = true;
            }
            else if (b == '{')
            {
                if (++d == 4)
                {
                    rows++;
                }
            }
            else if (b == '}')
            {
                d--;
            }
        }

        return rows;
    }

    private Task TransactAsync(Action<Utf8JsonWriter> operations)
    {
        this.Transact(operations);
        return Task.CompletedTask;
    }

    private void Transact(Action<Utf8JsonWriter> operations)
    {
        this.Write("transact", operations);
        this.Flush();
        ReadOnlyMemory<byte> reply = this.ReadReply();
        CheckNoError(reply.Span, "transact");
    }

    private void Write(string method, Action<Utf8JsonWriter> parameters)
    {
        this.output.ResetWrittenCount();
        using var json = new Utf8JsonWriter(this.output);
        WriteRequest(json, this.nextId++, method, parameters);
    }

    private void Flush() => this.SendAll(this.output.WrittenSpan);

    private void SendAll(ReadOnlySpan<byte> data)
    {
        while (data.Length > 0)
        {
            int sent = this.socket.Send(data, SocketFlags.None);
            data = data[sent..];
        }
    }

    /// <summary>Reads the next reply (answering the server's echo probe if one comes first).</summary>
    private ReadOnlyMemory<byte> ReadReply()
    {
        while (true)
        {
            ReadOnlyMemory<byte> frame = this.ReadFrame();
            if (frame.Length < 200 && frame.Span.IndexOf(EchoMethod) >= 0 && frame.Span.IndexOf("\"id\":\"echo\""u8) >= 0)
            {
                this.SendAll("{\"id\":\"echo\",\"result\":[],\"error\":null}"u8);
                continue;
            }

            return frame;
        }
    }

    /// <summary>The brace-depth framer: the returned memory is valid until the next read.</summary>
    private ReadOnlyMemory<byte> ReadFrame()
    {
        while (true)
        {
            int frameEnd = this.Scan();
            if (frameEnd > 0)
            {
                int frameStart = this.start;
                this.start = frameEnd;
                this.scan = frameEnd;
                return this.input.AsMemory(frameStart, frameEnd - frameStart);
            }

            if (this.start > 0 && this.start == this.end)
            {
                this.start = this.end = this.scan = 0;
            }
            else if (this.end == this.input.Length)
            {
                if (this.start > 0)
                {
                    // Compact.
                    Buffer.BlockCopy(this.input, this.start, this.input, 0, this.end - this.start);
                    this.end -= this.start;
                    this.scan -= this.start;
                    this.start = 0;
                }
                else
                {
                    Array.Resize(ref this.input, this.input.Length * 2);
                }
            }

            int read = this.socket.Receive(this.input.AsSpan(this.end), SocketFlags.None);
            if (read == 0)
            {
                throw new IOException("ovsdb-server closed the connection.");
            }

            this.end += read;
        }
    }

    /// <summary>Scans new bytes; returns the end offset of a complete top-level value, or 0.</summary>
    private int Scan()
    {
        byte[] buffer = this.input;
        for (int i = this.scan; i < this.end; i++)
        {
            byte b = buffer[i];
            if (this.inString)
            {
                if (this.escaped)
                {
                    this.escaped = false;
                }
                else if (b == '\\')
                {
                    this.escaped = true;
                }
                else if (b == '"')
                {
                    this.inString = false;
                }
            }
            else if (b == '"')
            {
                this.inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                if (this.depth == 0)
                {
                    this.start = i; // skip whitespace between messages
                }

                this.depth++;
            }
            else if (b is (byte)'}' or (byte)']')
            {
                if (--this.depth == 0)
                {
                    this.scan = i + 1;
                    return i + 1;
                }
            }
        }

        this.scan = this.end;
        Debug.Assert(this.depth > 0 || this.start <= this.end, "framer state");
        return 0;
    }
}
