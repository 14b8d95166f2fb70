using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using OvsNet;
using OvsNet.Protocol;

// Each measurement runs in a child process of its own (so peak RSS is that measurement's), talking over a Unix socket
// to a scripted server in another child process (so the server's buffers are not counted).
//   (no arguments)                       run everything and print a Markdown table
//   message <MB> [string]                one monitor_cond reply of about MB megabytes (rows of 1 KiB), or one
//                                        list_dbs reply holding a single string of MB megabytes
//   stalled <fault|backpressure> <N>     a monitor whose consumer does not read while N update2 notifications arrive
//   serve-message <socket> <MB> / serve-updates <socket> <N>   the scripted servers
return args.Length == 0 ? await Driver.RunAsync() : args[0] switch
{
    "message" => await Client.MessageAsync(int.Parse(args[1], CultureInfo.InvariantCulture), args.Length > 2 && args[2] == "string"),
    "stalled" => await Client.StalledAsync(args[1] == "backpressure" ? OvsdbMonitorFullMode.Backpressure : OvsdbMonitorFullMode.Fault, int.Parse(args[2], CultureInfo.InvariantCulture)),
    "serve-message" => Server.ServeMessage(args[1], int.Parse(args[2], CultureInfo.InvariantCulture), args.Length > 3 && args[3] == "string"),
    "serve-updates" => Server.ServeUpdates(args[1], int.Parse(args[2], CultureInfo.InvariantCulture)),
    _ => throw new ArgumentException("unknown mode " + args[0]),
};

internal static class Driver
{
    public static async Task<int> RunAsync()
    {
        Console.WriteLine("| measurement | message or updates | time | time per MB | baseline RSS | peak RSS | peak above baseline per MB |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (int mb in new[] { 25, 50, 100, 200 })
        {
            Console.WriteLine(await Child.RunToLineAsync(["message", mb.ToString(CultureInfo.InvariantCulture)]));
        }

        foreach (int mb in new[] { 25, 50, 100, 200 })
        {
            Console.WriteLine(await Child.RunToLineAsync(["message", mb.ToString(CultureInfo.InvariantCulture), "string"]));
        }

        Console.WriteLine();
        Console.WriteLine("| stalled consumer | updates sent by the server | updates queued when stalled | RSS while stalled | peak RSS | outcome |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (string policy in new[] { "fault", "backpressure" })
        {
            Console.WriteLine(await Child.RunToLineAsync(["stalled", policy, "1000000"]));
        }

        return 0;
    }
}

internal static class Child
{
    public static Process Start(IEnumerable<string> arguments, bool redirect)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = redirect, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath!) == "dotnet")
        {
            info.ArgumentList.Add(typeof(Child).Assembly.Location);
        }

        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    public static async Task<string> RunToLineAsync(IEnumerable<string> arguments)
    {
        using Process process = Start(arguments, redirect: true);
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output.Trim();
    }
}

internal static class Rss
{
    public static double CurrentMb() => Read("VmRSS:");

    public static double PeakMb() => Read("VmHWM:");

    private static double Read(string field)
    {
        foreach (string line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        throw new InvalidOperationException(field + " not found");
    }
}

internal static class Client
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> Bridges =
        new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["Bridge"] = [new MonitorRequest { Columns = ["name", "external_ids"] }] };

    public static async Task<int> MessageAsync(int mb, bool oneString)
    {
        (Process server, string socket) = await StartServerAsync("serve-message", mb, extra: oneString ? "string" : "rows");
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = "unix:" + socket, MaxMessageSize = 1L << 30 });
        GC.Collect();
        double baseline = Rss.CurrentMb();
        var watch = Stopwatch.StartNew();
        string what;
        if (oneString)
        {
            IReadOnlyList<string> result = await client.ListDatabasesAsync();
            watch.Stop();
            what = string.Create(CultureInfo.InvariantCulture, $"one list_dbs reply, a single string of {result[0].Length / (1024 * 1024)} M characters");
        }
        else
        {
            OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", Bridges); // not cancelled: the scripted server answers nothing more
            watch.Stop();
            what = string.Create(CultureInfo.InvariantCulture, $"one monitor_cond reply, {monitor.Initial["Bridge"].Count} rows of 1 KiB");
        }

        double peak = Rss.PeakMb();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {what} | {mb} MB | {watch.Elapsed.TotalSeconds:F2} s | {watch.Elapsed.TotalMilliseconds / mb:F1} ms | {baseline:F0} MB | {peak:F0} MB | {(peak - baseline) / mb:F2} |"));
        server.Kill();
        return 0;
    }

    public static async Task<int> StalledAsync(OvsdbMonitorFullMode mode, int count)
    {
        (Process server, string socket) = await StartServerAsync("serve-updates", count, redirect: true);
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = "unix:" + socket });
        OvsdbConditionalMonitor monitor = await client.MonitorCondAsync("Open_vSwitch", Bridges, new OvsdbMonitorOptions { WhenFull = mode });

        // The server prints how many it has sent, every 10,000 and at the end ("done N").
        long sent = 0;
        bool done = false;
        var progress = Task.Run(async () =>
        {
            while (await server.StandardOutput.ReadLineAsync() is { } line)
            {
                string[] parts = line.Split(' ');
                Volatile.Write(ref sent, long.Parse(parts[1], CultureInfo.InvariantCulture));
                if (parts[0] == "done")
                {
                    Volatile.Write(ref done, true);
                }
            }
        });

        // Wait until the server is done or has made no progress for 3 s (its socket is full).
        long last = -1;
        var still = Stopwatch.StartNew();
        double maxRss = 0;
        while (!Volatile.Read(ref done) && still.Elapsed < TimeSpan.FromSeconds(3))
        {
            await Task.Delay(200);
            maxRss = Math.Max(maxRss, Rss.CurrentMb());
            long now = Volatile.Read(ref sent);
            if (now != last)
            {
                last = now;
                still.Restart();
            }
        }

        GC.Collect();
        double stalledRss = Rss.CurrentMb();
        long sentWhenStalled = Volatile.Read(ref sent);
        string outcome;
        int queued = 0;
        if (mode == OvsdbMonitorFullMode.Fault)
        {
            try
            {
                await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync())
                {
                    queued++;
                }

                outcome = "ended without error";
            }
            catch (OvsdbMonitorLaggedException)
            {
                outcome = string.Create(CultureInfo.InvariantCulture, $"OvsdbMonitorLaggedException after the {queued} queued updates; monitor_cancel stopped the server");
            }
        }
        else
        {
            // Now consume: the reading resumes and every update arrives.
            var drain = Stopwatch.StartNew();
            await foreach (OvsdbMonitorUpdate unused in monitor.ReadUpdatesAsync())
            {
                if (++queued == count)
                {
                    break;
                }
            }

            drain.Stop();
            outcome = string.Create(CultureInfo.InvariantCulture, $"consumer resumed: all {queued} updates read in {drain.Elapsed.TotalSeconds:F1} s");
            queued = (int)Math.Min(sentWhenStalled, OvsdbMonitorOptions.DefaultQueueCapacity);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {mode} (capacity {OvsdbMonitorOptions.DefaultQueueCapacity}) | {sentWhenStalled} of {count} when it stopped | {(mode == OvsdbMonitorFullMode.Fault ? queued : OvsdbMonitorOptions.DefaultQueueCapacity)} | {stalledRss:F0} MB | {Math.Max(maxRss, Rss.PeakMb()):F0} MB | {outcome} |"));
        server.Kill();
        await progress.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return 0;
    }

    private static async Task<(Process Server, string Socket)> StartServerAsync(string mode, int size, bool redirect = false, string extra = "")
    {
        string socket = Path.Combine(Path.GetTempPath(), $"ovsnet-mem-{Environment.ProcessId}.sock");
        File.Delete(socket);
        Process server = Child.Start([mode, socket, size.ToString(CultureInfo.InvariantCulture), extra], redirect);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.Kill();
            }
            catch (InvalidOperationException)
            {
            }

            File.Delete(socket);
        };
        while (!File.Exists(socket))
        {
            await Task.Delay(50);
        }

        return (server, socket);
    }
}

internal static class Server
{
    public static int ServeMessage(string path, int mb, bool oneString)
    {
        if (oneString)
        {
            string text = "[\"" + new string('s', mb * 1024 * 1024) + "\"]";
            using Socket single = Accept(path);
            JsonElement call = ReadRequest(single);
            single.Send(Encoding.UTF8.GetBytes($"{{\"id\":{call.GetProperty("id").GetRawText()},\"result\":{text},\"error\":null}}"));
            WaitForClose(single);
            return 0;
        }

        // Rows of about 1 KiB: a name and an external_ids map with one long value.
        var body = new StringBuilder(mb * 1024 * 1024 + 4096);
        body.Append("{\"Bridge\":{");
        string filler = new('v', 960);
        int row = 0;
        while (body.Length < mb * 1024L * 1024)
        {
            if (row > 0)
            {
                body.Append(',');
            }

            body.Append(CultureInfo.InvariantCulture, $"\"{new Guid(row, 0, 0, new byte[8]):D}\":{{\"initial\":{{\"name\":\"br{row}\",\"external_ids\":[\"map\",[[\"k\",\"{filler}\"]]]}}}}");
            row++;
        }

        body.Append("}}");
        using Socket connection = Accept(path);
        JsonElement request = ReadRequest(connection);
        byte[] reply = Encoding.UTF8.GetBytes($"{{\"id\":{request.GetProperty("id").GetRawText()},\"result\":{body},\"error\":null}}");
        body.Clear();
        connection.Send(reply);
        WaitForClose(connection);
        return 0;
    }

    public static int ServeUpdates(string path, int count)
    {
        using Socket connection = Accept(path);
        JsonElement request = ReadRequest(connection);
        string monitorId = request.GetProperty("params")[1].GetString()!;
        var sendLock = new Lock();
        lock (sendLock)
        {
            connection.Send(Encoding.UTF8.GetBytes($"{{\"id\":{request.GetProperty("id").GetRawText()},\"result\":{{}},\"error\":null}}"));
        }

        bool stop = false;
        var reader = new Thread(() =>
        {
            // Answers monitor_cancel (and stops sending, as ovsdb-server does) and echo; ignores the rest.
            try
            {
                while (true)
                {
                    JsonElement next = ReadRequest(connection);
                    string method = next.GetProperty("method").GetString()!;
                    if (next.GetProperty("id").ValueKind == JsonValueKind.Null)
                    {
                        continue;
                    }

                    Volatile.Write(ref stop, stop || method == "monitor_cancel");
                    lock (sendLock)
                    {
                        connection.Send(Encoding.UTF8.GetBytes($"{{\"id\":{next.GetProperty("id").GetRawText()},\"result\":{{}},\"error\":null}}"));
                    }
                }
            }
            catch (Exception ex) when (ex is SocketException or EndOfStreamException or ObjectDisposedException)
            {
            }
        }) { IsBackground = true };
        reader.Start();

        var batch = new MemoryStream();
        int sent = 0;
        for (int i = 0; i < count && !Volatile.Read(ref stop); i++)
        {
            batch.Write(Encoding.UTF8.GetBytes(
                $"{{\"id\":null,\"method\":\"update2\",\"params\":[\"{monitorId}\",{{\"Bridge\":{{\"{new Guid(i, 0, 0, new byte[8]):D}\":{{\"modify\":{{\"name\":\"br{i}\"}}}}}}}}]}}"));
            if (batch.Length >= 16 * 1024 || i == count - 1)
            {
                lock (sendLock)
                {
                    connection.Send(batch.GetBuffer().AsSpan(0, (int)batch.Length));
                }

                batch.SetLength(0);
            }

            sent = i + 1;
            if (sent % 10_000 == 0)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sent {sent}"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {sent}"));
        WaitForClose(connection);
        return 0;
    }

    private static Socket Accept(string path)
    {
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        Socket connection = listener.Accept();
        File.Delete(path);
        return connection;
    }

    /// <summary>Reads one JSON text (requests are small; byte at a time keeps the framing trivial).</summary>
    private static JsonElement ReadRequest(Socket connection)
    {
        var bytes = new List<byte>();
        int depth = 0;
        bool inString = false, escaped = false;
        var one = new byte[1];
        while (true)
        {
            if (connection.Receive(one) == 0)
            {
                throw new EndOfStreamException();
            }

            byte b = one[0];
            bytes.Add(b);
            if (inString)
            {
                (escaped, inString) = escaped ? (false, true) : (b == '\\', b != '"');
                continue;
            }

            if (b == '"')
            {
                inString = true;
            }
            else if (b is (byte)'{' or (byte)'[')
            {
                depth++;
            }
            else if (b is (byte)'}' or (byte)']' && --depth == 0)
            {
                return JsonDocument.Parse(bytes.ToArray()).RootElement.Clone();
            }
        }
    }

    private static void WaitForClose(Socket connection)
    {
        var buffer = new byte[4096];
        try
        {
            while (connection.Receive(buffer) > 0)
            {
            }
        }
        catch (SocketException)
        {
        }
    }
}
