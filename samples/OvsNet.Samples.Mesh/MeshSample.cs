using System.Diagnostics;
using System.Globalization;
using OvsNet.Samples.Mesh.Lab;
using OvsNet.Vswitch;

namespace OvsNet.Samples.Mesh;

/// <summary>
/// Configures a full GRE mesh across N simulated hosts, each its own private ovsdb-server (no ovs-vswitchd, so writes
/// do not wait for one), concurrently, from each host's <see cref="OvsNet.Hypervisor.HostNetworkSpec"/> (its OVS half,
/// one transaction per host). Runs twice: the second run must change nothing. Checks every host with ovs-vsctl and
/// reports the times. <c>--hosts N</c> runs one size; the default runs 20, then 50.
/// </summary>
public static class MeshSample
{
    private const string Usage = "usage: OvsNet.Samples.Mesh [--hosts N (2..250)]... [--schema PATH/vswitch.ovsschema]";

    /// <summary>Runs the sample; returns the exit code (0 ok, 1 a check failed, 2 usage, 130 interrupted).</summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="cancellationToken">Stops the run; the servers are stopped anyway.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        var sizes = new List<int>();
        string schema = "/usr/share/openvswitch/vswitch.ovsschema";
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--hosts" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n is >= 2 and <= 250: sizes.Add(n); i++; break;
                case "--schema" when value is not null: schema = value; i++; break;
                default: await output.WriteLineAsync(Usage).ConfigureAwait(false); return 2;
            }
        }

        bool ok = true;
        try
        {
            foreach (int n in sizes.Count == 0 ? [20, 50] : sizes)
            {
                ok &= await RunMeshAsync(n, schema, output, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("interrupted").ConfigureAwait(false);
            return 130;
        }

        return ok ? 0 : 1;
    }

    private static async Task<bool> RunMeshAsync(int n, string schema, TextWriter output, CancellationToken ct)
    {
        await output.WriteLineAsync($"== mesh of {n} hosts: {n * (n - 1)} GRE ports ({n - 1} per host), one ovsdb-server per host").ConfigureAwait(false);
        var servers = new MeshServer[n];
        var clients = new OvsVswitchClient?[n];
        try
        {
            await ForEachAsync(n, async i => servers[i] = await MeshServer.StartAsync(i + 1, schema, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
            var options = new OvsVswitchOptions { WaitForVswitchd = false };
            await ForEachAsync(n, async i => clients[i] = await OvsVswitchClient.ConnectAsync(servers[i].Endpoint, options, ct).ConfigureAwait(false), ct).ConfigureAwait(false);

            (TimeSpan first, int changedFirst) = await ConfigureAsync(clients!, n, "first run", output, ct).ConfigureAwait(false);
            (TimeSpan second, int changedSecond) = await ConfigureAsync(clients!, n, "re-run", output, ct).ConfigureAwait(false);
            int wrong = await CountWrongHostsAsync(servers, n, ct).ConfigureAwait(false);

            bool ok = changedFirst == n && changedSecond == 0 && wrong == 0;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"   N={n}: first run {first.TotalSeconds:F2} s ({changedFirst} hosts changed, one transaction each), re-run {second.TotalSeconds:F2} s ({changedSecond} changed: idempotent={changedSecond == 0}); ovs-vsctl check: {n - wrong}/{n} hosts have exactly their {n - 1} tunnels")).ConfigureAwait(false);
            await output.WriteLineAsync($"   {(ok ? "PASS" : "FAIL")} mesh of {n}").ConfigureAwait(false);
            return ok;
        }
        finally
        {
            foreach (OvsVswitchClient? client in clients)
            {
                if (client is not null)
                {
                    await client.DisposeAsync().ConfigureAwait(false);
                }
            }

            await Task.WhenAll(servers.Where(s => s is not null).Select(s => s.StopAsync())).ConfigureAwait(false);
        }
    }

    /// <summary>Ensures every host's OVS half concurrently; returns the elapsed time and how many hosts changed.</summary>
    private static async Task<(TimeSpan Elapsed, int Changed)> ConfigureAsync(OvsVswitchClient[] clients, int n, string label, TextWriter output, CancellationToken ct)
    {
        int done = 0;
        int changed = 0;
        var progress = new Progress(output, label, n);
        var watch = Stopwatch.StartNew();
        await ForEachAsync(n, async i =>
        {
            EnsureResult result = await clients[i].EnsureTopologyAsync(MeshSpecs.For(i + 1, n).ToVswitchTopology(), ct).ConfigureAwait(false);
            if (result.Changed)
            {
                Interlocked.Increment(ref changed);
            }

            await progress.ReportAsync(Interlocked.Increment(ref done)).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        watch.Stop();
        return (watch.Elapsed, changed);
    }

    /// <summary>The witness: ovs-vsctl lists br-int's ports and each tunnel's local_ip on every host.</summary>
    private static async Task<int> CountWrongHostsAsync(MeshServer[] servers, int n, CancellationToken ct)
    {
        int wrong = 0;
        await ForEachAsync(n, async i =>
        {
            string ports = await servers[i].VsctlAsync(ct, "list-ports", "br-int").ConfigureAwait(false);
            string locals = await servers[i].VsctlAsync(ct, "--bare", "--columns=options", "find", "Interface", "type=gre").ConfigureAwait(false);
            int tunnels = ports.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length;
            string own = $"172.16.{i + 1}.10";
            int withLocal = locals.Split('\n', StringSplitOptions.RemoveEmptyEntries)
                .Count(l => l.Contains($"local_ip={own}", StringComparison.Ordinal) || l.Contains($"local_ip=\"{own}\"", StringComparison.Ordinal));
            if (tunnels != n - 1 || withLocal != n - 1)
            {
                Interlocked.Increment(ref wrong);
            }
        }, ct).ConfigureAwait(false);
        return wrong;
    }

    private static Task ForEachAsync(int n, Func<int, Task> body, CancellationToken ct)
        => Parallel.ForEachAsync(Enumerable.Range(0, n), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount * 4, CancellationToken = ct }, async (i, _) => await body(i).ConfigureAwait(false));
}
