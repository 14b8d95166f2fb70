using OvsNet.Vswitch;

namespace OvsNet.Samples.Vswitch;

/// <summary>
/// Ensures the hypervisor scenario's switch: bridge <c>br0</c> (userspace datapath) with internal ports <c>mgmt0</c>
/// (management) and <c>tep0</c> (tunnel endpoint), and the integration bridge <c>br-int</c> with a GRE tunnel
/// <c>gre0</c> whose local_ip is tep0's address (its packets leave through the host's routing, not a port); waits
/// until ovs-vswitchd has applied each change; prints what changed and the tree (like <c>ovs-vsctl show</c>).
/// Running it twice changes nothing the second time.
/// </summary>
public static class VswitchSample
{
    private const string Usage = "usage: OvsNet.Samples.Vswitch --db ENDPOINT [--remote-ip IP] [--local-ip IP] [--key KEY] [--datapath netdev|system] [--no-wait]";

    /// <summary>Runs the sample; returns the process exit code (0 success, 1 failure, 2 usage).</summary>
    /// <param name="args"><c>--db unix:/run/openvswitch/db.sock</c> (required) and the optional settings in the usage line.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string? db = null;
        string remoteIp = "198.51.101.10";
        string localIp = "198.51.100.10";
        string? key = null;
        string datapath = "netdev";
        bool wait = true;
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--db" when value is not null: db = value; i++; break;
                case "--remote-ip" when value is not null: remoteIp = value; i++; break;
                case "--local-ip" when value is not null: localIp = value; i++; break;
                case "--key" when value is not null: key = value; i++; break;
                case "--datapath" when value is not null: datapath = value; i++; break;
                case "--no-wait": wait = false; break;
                default:
                    await output.WriteLineAsync(Usage).ConfigureAwait(false);
                    return 2;
            }
        }

        if (db is null)
        {
            await output.WriteLineAsync(Usage).ConfigureAwait(false);
            return 2;
        }

        var options = new OvsVswitchOptions { WaitForVswitchd = wait, VswitchdTimeout = TimeSpan.FromSeconds(30) };
        try
        {
            InterfaceSpec gre = InterfaceSpec.Gre("gre0", remoteIp, localIp: localIp, key: key);
            await using OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(db, options, cancellationToken).ConfigureAwait(false);
            await ReportAsync(output, "br0", await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br0", DatapathType = datapath }, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            await ReportAsync(output, "mgmt0", await vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            await ReportAsync(output, "tep0", await vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("tep0"), cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            await ReportAsync(output, "br-int", await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br-int", DatapathType = datapath }, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);
            await ReportAsync(output, "gre0", await vswitch.EnsurePortAsync("br-int", gre, cancellationToken).ConfigureAwait(false)).ConfigureAwait(false);

            VswitchTree tree = await vswitch.ShowAsync(cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"ovs-vswitchd has applied configuration {tree.CurrentConfiguration} of {tree.NextConfiguration}:").ConfigureAwait(false);
            await output.WriteAsync(tree.ToString()).ConfigureAwait(false);
            return 0;
        }
        catch (ArgumentException ex)
        {
            await output.WriteLineAsync($"invalid argument: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OvsInterfaceSetupException ex)
        {
            await output.WriteLineAsync(ex.Message).ConfigureAwait(false);
            return 1;
        }
        catch (OvsNet.OvsdbException ex)
        {
            await output.WriteLineAsync($"failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static async Task ReportAsync(TextWriter output, string what, EnsureResult result)
    {
        if (!result.Changed)
        {
            await output.WriteLineAsync($"{what}: already as wanted").ConfigureAwait(false);
            return;
        }

        foreach (VswitchChange change in result.Changes)
        {
            await output.WriteLineAsync(change.ToString()).ConfigureAwait(false);
        }
    }
}
