using System.Diagnostics;
using System.Globalization;

namespace OvsNet.Benchmarks.Runner;

/// <summary>Runs every (workload, N, repetition, client) case on a fresh private ovsdb-server and reports.</summary>
internal sealed class ComparisonRunner(RunnerOptions options)
{
    private readonly string schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
    private readonly List<CaseRecord> records = [];

    public static bool Applies(string client, string workload) => (client, workload) switch
    {
        ("python" or "vsctl", "pipelined") => false,   // neither can have several transactions in flight
        ("vsctl", "sync") => false,                    // not a library: it syncs on every invocation (see churn)
        ("vsctl", "latency-echo") => false,            // no echo command
        ("ovsnet-mon", _) => workload == "sync",       // OvsNet without the replica: monitor + Update2Applier
        _ => true,
    };

    public async Task<int> RunAsync()
    {
        MachineInfo machine = await MachineInfo.CollectAsync();
        Console.WriteLine(machine.Describe());
        Console.WriteLine($"transport: {(options.Tcp ? "tcp 127.0.0.1" : "unix socket")}; N = {string.Join(", ", options.Sizes)}; reps = {options.Reps}; latency calls = {options.Calls}; case timeout = {options.CaseTimeout.TotalSeconds:F0} s");
        Console.WriteLine("sync: ovsnet = OvsdbReplica.StartAsync (src/OvsNet/Replica, all tables); ovsnet-mon = MonitorCondAsync + Update2Applier into dictionaries.");
        string loadStart = Tools.LoadAverage();
        Console.WriteLine($"load average at start: {loadStart}");
        this.CheckPrerequisites();

        if (options.Warmup)
        {
            await this.WarmupAsync();
        }

        var total = Stopwatch.StartNew();
        foreach (string workload in options.Workloads)
        {
            IEnumerable<int> sizes = workload.StartsWith("latency", StringComparison.Ordinal) ? [options.Calls] : options.Sizes;
            foreach (int n in sizes)
            {
                var abandoned = new HashSet<string>();
                for (int rep = 1; rep <= options.Reps; rep++)
                {
                    foreach (string client in options.Clients.Where(c => Applies(c, workload)))
                    {
                        if (abandoned.Contains(client))
                        {
                            continue;
                        }

                        long started = Stopwatch.GetTimestamp();
                        CaseRecord record = await this.RunCaseAsync(workload, client, n, rep);
                        this.records.Add(record);
                        Console.WriteLine(record.Describe());
                        if (record.Error is not null)
                        {
                            abandoned.Add(client); // a timeout or failure is not retried for the other repetitions
                        }
                        else if (rep < options.Reps && Stopwatch.GetElapsedTime(started) > options.SlowCase)
                        {
                            abandoned.Add(client);
                            record.Note = (record.Note is null ? "" : record.Note + "; ") + $"1 rep only: over --slow-case {options.SlowCase.TotalSeconds:F0} s";
                        }
                    }
                }
            }
        }

        string loadEnd = Tools.LoadAverage();
        var report = new Report(this.records, options, machine, loadStart, loadEnd, total.Elapsed);
        Console.WriteLine();
        Console.WriteLine(report.RenderTable());
        Console.WriteLine(report.RenderTargets());
        Directory.CreateDirectory(options.OutputDirectory);
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.csv"), report.RenderCsv());
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "targets.csv"), report.RenderTargetsCsv());
        await File.WriteAllTextAsync(Path.Combine(options.OutputDirectory, "results.md"), report.RenderMarkdown());
        Console.WriteLine($"load average at end: {loadEnd}; total {total.Elapsed.TotalMinutes:F1} min");
        Console.WriteLine($"written: {Path.GetFullPath(Path.Combine(options.OutputDirectory, "results.csv"))}, targets.csv, results.md");
        return this.records.Any(r => r.Error is not null && !r.Error.StartsWith("timeout", StringComparison.Ordinal)) ? 1 : 0;
    }

    private void CheckPrerequisites()
    {
        foreach (string tool in new[] { "ovsdb-server", "ovsdb-tool" })
        {
            if (!Tools.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is not installed (scripts/bench.sh installs openvswitch-switch)");
            }
        }

        if (options.Clients.Contains("vsctl") && !Tools.Exists("ovs-vsctl"))
        {
            throw new InvalidOperationException("ovs-vsctl is not installed");
        }

        if (options.Clients.Contains("python") && !File.Exists(PythonPeer.Python))
        {
            throw new InvalidOperationException("/usr/bin/python3 with python3-openvswitch is required");
        }
    }

    /// <summary>
    /// One untimed pass of the in-process clients (about 1,000 calls each), so the first measured case runs tier-1 code
    /// rather than JIT and tier-0 code.
    /// </summary>
    private async Task WarmupAsync()
    {
        await using PrivateOvsdbServer server = await PrivateOvsdbServer.StartAsync(this.schema, options.Tcp);
        await using (FloorClient floor = await FloorClient.ConnectAsync(server.Endpoint))
        {
            await floor.AddBridgeAsync("br0");
            await floor.BulkAsync("w1", "fw", 500);
            await floor.ChurnAsync("br0", "fc", 1000);
            await floor.PipelinedChurnAsync("br0", "fp", 1000);
            for (int i = 0; i < 1000; i++)
            {
                await floor.EchoAsync();
                await floor.SelectNextCfgAsync();
            }
        }

        await using OvsdbClient client = await OvsNetWorkloads.ConnectAsync(server.Endpoint);
        await OvsNetWorkloads.BulkAsync(client, "w2", "ow", 500);
        await OvsNetWorkloads.ChurnAsync(client, "br0", "oc", 1000);
        await OvsNetWorkloads.PipelinedAsync(client, "br0", "op", 1000);
        for (int i = 0; i < 1000; i++)
        {
            await client.EchoAsync();
            await OvsNetWorkloads.SelectNextCfgAsync(client);
        }
    }

    private async Task<CaseRecord> RunCaseAsync(string workload, string client, int n, int rep)
    {
        string load = Tools.LoadAverage();
        using var timeout = new CancellationTokenSource(options.CaseTimeout);
        var record = new CaseRecord(workload, client, n, rep, load);
        try
        {
            await using PrivateOvsdbServer server = await PrivateOvsdbServer.StartAsync(this.schema, options.Tcp);
            await using (FloorClient setup = await FloorClient.ConnectAsync(server.UnixEndpoint))
            {
                if (workload is "churn" or "pipelined")
                {
                    await setup.AddBridgeAsync("br0");
                }
                else if (workload == "sync")
                {
                    await setup.BulkAsync("br0", "p", n);
                }
            }

            Task<Measurement> run = this.MeasureAsync(workload, client, n, server, record, timeout.Token);
            record.Measurement = await run.WaitAsync(options.CaseTimeout + TimeSpan.FromSeconds(30));
        }
        catch (CaseFailedException ex)
        {
            record.Error = ex.Message;
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            record.Error = $"timeout after {options.CaseTimeout.TotalSeconds:F0} s";
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or OvsdbException or System.Net.Sockets.SocketException)
        {
            record.Error = $"failed: {ex.GetType().Name}: {ex.Message}";
        }

        return record;
    }

    private async Task<Measurement> MeasureAsync(string workload, string client, int n, PrivateOvsdbServer server, CaseRecord record, CancellationToken ct)
    {
        switch (client)
        {
            case "python":
                return await PythonPeer.RunAsync(workload, server, this.schema, n, options.Calls, ct);
            case "vsctl":
                double children0 = Tools.ChildrenCpuMilliseconds();
                Measurement v = await MeasureVsctlAsync(workload, server, n, record, ct);
                return v with { ClientCpuMilliseconds = Tools.ChildrenCpuMilliseconds() - children0 };
        }

        if (workload == "sync")
        {
            (string program, List<string> prefix) = SelfCommand();
            (System.Text.Json.JsonElement r, double cpu) = await ChildProcess.RunAsync(
                program, [.. prefix, "--child-sync", client, server.Endpoint, this.schema, n.ToString(CultureInfo.InvariantCulture)], server, ct);
            record.Note = client switch
            {
                "ovsnet" => "OvsdbReplica (typed replica, all tables)",
                "ovsnet-mon" => "MonitorCondAsync + Update2Applier into dictionaries",
                "floor" => "reply bytes kept, rows counted",
                _ => null,
            };

            return new Measurement(r.GetProperty("seconds").GetDouble() * 1000, cpu)
            {
                ColdMilliseconds = r.GetProperty("cold_seconds").GetDouble() * 1000,
                BaselineKb = r.GetProperty("baseline_kb").GetInt64(),
                PeakKb = r.GetProperty("hwm_kb").GetInt64(),
                ManagedKb = r.GetProperty("managed_kb").GetInt64(),
                RetainedKb = r.GetProperty("retained_kb").GetInt64(),
                AllocatedKb = r.GetProperty("allocated_kb").GetInt64(),
                ClientCpuMilliseconds = r.GetProperty("cpu_seconds").GetDouble() * 1000,
                Rows = r.GetProperty("rows").GetInt32(),
            };
        }

        return client == "ovsnet"
            ? await MeasureOvsNetAsync(workload, n, server)
            : await MeasureFloorAsync(workload, n, server);
    }

    private static async Task<Measurement> MeasureVsctlAsync(string workload, PrivateOvsdbServer server, int n, CaseRecord record, CancellationToken ct)
    {
        switch (workload)
        {
            case "bulk":
                (Measurement m, string note) = await VsctlPeer.BulkAsync(server, n, ct);
                record.Note = note;
                return m;
            case "churn":
                return await VsctlPeer.ChurnAsync(server, n, ct);
            default:
                record.Note = "ovs-vsctl get (a process per call)";
                return await VsctlPeer.LatencySelectAsync(server, n, ct);
        }
    }

    private static async Task<Measurement> MeasureOvsNetAsync(string workload, int n, PrivateOvsdbServer server)
    {
        await using OvsdbClient client = await OvsNetWorkloads.ConnectAsync(server.Endpoint);
        Func<Task> once = workload switch
        {
            "latency-echo" => () => client.EchoAsync(),
            "latency-select" => () => OvsNetWorkloads.SelectNextCfgAsync(client),
            _ => null!,
        };
        return workload switch
        {
            "bulk" => await Time(server, () => OvsNetWorkloads.BulkAsync(client, "bulk0", "p", n)),
            "churn" => await Time(server, () => OvsNetWorkloads.ChurnAsync(client, "br0", "c", n)),
            "pipelined" => await Time(server, () => OvsNetWorkloads.PipelinedAsync(client, "br0", "c", n)),
            _ => await Latency(server, once, n),
        };
    }

    private static async Task<Measurement> MeasureFloorAsync(string workload, int n, PrivateOvsdbServer server)
    {
        await using FloorClient floor = await FloorClient.ConnectAsync(server.Endpoint);
        return workload switch
        {
            "bulk" => await Time(server, () => floor.BulkAsync("bulk0", "p", n)),
            "churn" => await Time(server, () => floor.ChurnAsync("br0", "c", n)),
            "pipelined" => await Time(server, () => floor.PipelinedChurnAsync("br0", "c", n)),
            "latency-echo" => await Latency(server, floor.EchoAsync, n),
            _ => await Latency(server, floor.SelectNextCfgAsync, n),
        };
    }

    private static async Task<Measurement> Time(PrivateOvsdbServer server, Func<Task> work)
    {
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        double own0 = Tools.OwnCpuMilliseconds();
        double cpu0 = server.CpuMilliseconds();
        long t0 = Stopwatch.GetTimestamp();
        await work();
        double ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
        double cpu = server.CpuMilliseconds() - cpu0;
        return new Measurement(ms, cpu)
        {
            AllocatedKb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024,
            ClientCpuMilliseconds = Tools.OwnCpuMilliseconds() - own0,
        };
    }

    private static async Task<Measurement> Latency(PrivateOvsdbServer server, Func<Task> call, int calls)
    {
        for (int i = 0; i < Math.Min(100, calls); i++)
        {
            await call();
        }

        var samples = new double[calls];
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        double own0 = Tools.OwnCpuMilliseconds();
        double cpu0 = server.CpuMilliseconds();
        long all = Stopwatch.GetTimestamp();
        for (int i = 0; i < calls; i++)
        {
            long t0 = Stopwatch.GetTimestamp();
            await call();
            samples[i] = Stopwatch.GetElapsedTime(t0).TotalMicroseconds;
        }

        return new Measurement(Stopwatch.GetElapsedTime(all).TotalMilliseconds, server.CpuMilliseconds() - cpu0)
        {
            LatencyMicroseconds = samples,
            AllocatedKb = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1024,
            ClientCpuMilliseconds = Tools.OwnCpuMilliseconds() - own0,
        };
    }

    /// <summary>How to start this runner again as a child (apphost, or dotnet + the dll).</summary>
    private static (string Program, List<string> Prefix) SelfCommand()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? (process, [typeof(ComparisonRunner).Assembly.Location])
            : (process, []);
    }
}

/// <summary>One case's outcome.</summary>
internal sealed class CaseRecord(string workload, string client, int n, int rep, string load)
{
    public string Workload { get; } = workload;

    public string Client { get; } = client;

    public int N { get; } = n;

    public int Rep { get; } = rep;

    public string Load { get; } = load;

    public Measurement? Measurement { get; set; }

    public string? Error { get; set; }

    public string? Note { get; set; }

    public string Describe() => this.Measurement is { } m
        ? string.Create(CultureInfo.InvariantCulture, $"  {this.Workload,-15} N={this.N,-6} rep {this.Rep} {this.Client,-10} {m.Milliseconds,10:F1} ms  server cpu {m.ServerCpuMilliseconds,8:F0} ms  load {this.Load}")
        : $"  {this.Workload,-15} N={this.N,-6} rep {this.Rep} {this.Client,-10} {this.Error}";
}
