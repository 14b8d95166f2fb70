using System.Globalization;
using OvsNet.Routing;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests.Property;

/// <summary>
/// Property tests over random sequences of host specs on a real ovsdb-server + ovs-vswitchd in a namespace:
/// convergence (after every apply the live state is what a fresh apply of that spec gives on a clean host, foreign
/// objects survive, and the next plan is empty) and plan-predicts-apply (the changes the plan lists are the changes
/// the apply performs). <c>OVSNET_PROPERTY_SEED</c> fixes the random seed (printed in every failure),
/// <c>OVSNET_PROPERTY_STEPS</c> the number of steps per test and <c>OVSNET_PROPERTY_FRESH_EVERY</c> how often the
/// live state is compared with a fresh host.
/// </summary>
[Trait("Category", "Integration")]
public class ConvergencePropertyTests
{
    /// <summary>Names and addresses of the objects planted by someone else; lines mentioning them are compared on their own.</summary>
    private static readonly string[] ForeignMarkers = ["fx0", "fx1", "vm0", "keep0", "10.9.9.", "10.98.", "10.99.", "table 300"];

    [Fact]
    public async Task Any_sequence_of_specs_converges_to_what_a_fresh_apply_gives()
    {
        int seed = Seed();
        int steps = Setting("OVSNET_PROPERTY_STEPS", 120);
        int freshEvery = Setting("OVSNET_PROPERTY_FRESH_EVERY", 10);
        await using HostLab lab = await StartLabAsync();
        var specs = new RandomSpecs(seed);
        IReadOnlyList<string>? foreign = null;
        var log = new List<string>();
        for (int step = 1; step <= steps; step++)
        {
            HostNetworkSpec spec = specs.Next();
            string context = $"seed {seed} (OVSNET_PROPERTY_SEED={seed}), step {step}\nspec: {Describe(spec)}\nhistory:\n{string.Join("\n", log.TakeLast(5))}";
            HostNetworkResult result = await Run(() => lab.Manager.ApplyAsync(spec, HostLab.Token()), context);
            log.Add($"{step}: {Describe(spec)} -> {result.ToString().Replace('\n', ';')}");
            if (foreign is null)
            {
                foreign = await PlantForeignAsync(lab);
            }

            IReadOnlyList<string> live = await LiveState.CaptureAsync(lab);
            Assert.True(Foreign(live).SequenceEqual(foreign), $"{context}\nforeign objects changed:\n{LiveState.Diff(foreign, Foreign(live))}");

            HostNetworkPlan next = await Run(() => lab.Manager.PlanAsync(spec, HostLab.Token()), context);
            Assert.True(next.IsEmpty, $"{context}\nthe plan after the apply is not empty:\n{next}\nthe apply did:\n{result}");

            if (step % freshEvery == 0 || step == steps)
            {
                await using HostLab fresh = await StartLabAsync();
                await Run(() => fresh.Manager.ApplyAsync(spec, HostLab.Token()), context + "\n(fresh host)");
                IReadOnlyList<string> expected = await LiveState.CaptureAsync(fresh);
                IReadOnlyList<string> ours = Ours(live);
                Assert.True(ours.SequenceEqual(expected), $"{context}\nlive state differs from a fresh apply of the spec:\n{LiveState.Diff(expected, ours)}");
            }
        }
    }

    [Fact]
    public async Task The_changes_a_plan_lists_are_the_changes_the_apply_performs()
    {
        int seed = Seed() + 1;
        int steps = Setting("OVSNET_PROPERTY_STEPS", 100);
        await using HostLab lab = await StartLabAsync();
        var specs = new RandomSpecs(seed);
        bool planted = false;
        for (int step = 1; step <= steps; step++)
        {
            HostNetworkSpec spec = specs.Next();
            string context = $"seed {seed} (OVSNET_PROPERTY_SEED={seed - 1}), step {step}\nspec: {Describe(spec)}";
            HostNetworkPlan plan = await Run(() => lab.Manager.PlanAsync(spec, HostLab.Token()), context);
            HostNetworkResult result = await Run(() => lab.Manager.ApplyAsync(spec, HostLab.Token()), context);
            string message = $"{context}\nplan:\n{plan}\napply:\n{result}";
            Assert.Equal(plan.VswitchChanges, result.Vswitch.Changes);
            Assert.True(plan.OvsRouter.SequenceEqual(result.OvsRouter), message);
            Assert.True(plan.Routing.Changes.Select(Key).SequenceEqual(result.Routing.Select(Key)), message);

            Assert.Equal(!plan.IsEmpty, result.Changed);
            if (!planted)
            {
                await PlantForeignAsync(lab);
                planted = true;
            }
        }
    }

    /// <summary>A routing change without the interface index (a device the plan saw as pending gets its index at execution).</summary>
    private static string Key(PlannedChange change) => string.Join(
        " ", change.Kind, change.DeviceName, change.Address?.Address, change.Address?.PrefixLength, change.Route?.Destination, change.Route?.Gateway, change.Route?.Table,
        change.Rule?.Priority, change.Rule?.Source, change.Rule?.Table, change.TableName, change.TakesOver);

    private static async Task<HostLab> StartLabAsync()
    {
        HostLab lab = await HostLab.StartAsync();
        lab.Namespace.CreateVethPair("hv-up2", "hv-peer2");
        return lab;
    }

    /// <summary>
    /// Someone else's objects: a port on each bridge, a veth with an address, a rule inside OvsNet's priority
    /// band, a route in another table, and an ovs-vswitchd user route through that device.
    /// </summary>
    private static async Task<IReadOnlyList<string>> PlantForeignAsync(HostLab lab)
    {
        await lab.Fixture.VsctlAsync("add-port", "br-int", "vm0", "--", "set", "interface", "vm0", "type=internal");
        await lab.Fixture.VsctlAsync("add-port", "br0", "keep0", "--", "set", "interface", "keep0", "type=internal");
        lab.Namespace.CreateVethPair("fx0", "fx1");
        lab.Namespace.Ip("link", "set", "fx1", "up");
        lab.Namespace.Ip("addr", "add", "10.9.9.1/24", "dev", "fx0");
        lab.Namespace.Ip("link", "set", "fx0", "up");
        lab.Namespace.Ip("route", "add", "10.99.0.0/16", "via", "10.9.9.2", "table", "300");
        lab.Namespace.Ip("rule", "add", "from", "10.9.9.1", "lookup", "300", "priority", "1200");
        // ovs-vswitchd learns fx0's address asynchronously: the route is accepted once it has.
        await Poll.UntilAsync(
            () => ProcessRunner.Run("ovs-appctl", ["-t", Path.Combine(lab.Fixture.Directory, "vs.ctl"), "ovs/route/add", "10.98.0.0/16", "fx0", "10.9.9.2"]).ExitCode == 0,
            what: "ovs-vswitchd accepting a route via fx0");

        return Foreign(await LiveState.CaptureAsync(lab));
    }

    private static IReadOnlyList<string> Foreign(IReadOnlyList<string> lines) => [.. lines.Where(IsForeign)];

    private static IReadOnlyList<string> Ours(IReadOnlyList<string> lines) => [.. lines.Where(l => !IsForeign(l))];

    private static bool IsForeign(string line) => ForeignMarkers.Any(m => line.Contains(m, StringComparison.Ordinal));

    private static async Task<T> Run<T>(Func<Task<T>> action, string context)
    {
        try
        {
            return await action();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new InvalidOperationException($"{context}\n{ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private static string Describe(HostNetworkSpec spec)
        => $"uplink={spec.Bridge.UplinkPort ?? "-"} mgmt={spec.Management.Address}/{spec.Management.PrefixLength} gw={spec.Management.Gateway?.ToString() ?? "-"} "
            + $"tep={spec.TunnelEndpoint.Address}/{spec.TunnelEndpoint.PrefixLength} gw={spec.TunnelEndpoint.Gateway} table={spec.TunnelEndpoint.TableId}:{spec.TunnelEndpoint.TableName} "
            + $"prio={spec.TunnelEndpoint.RulePriority} tunnels=[{string.Join(", ", spec.Tunnels.Select(t => $"{t.Name} {t.Kind} {t.RemoteAddress} key={t.Key?.ToString(CultureInfo.InvariantCulture) ?? "-"} subnet={t.RemoteSubnet?.ToString() ?? "-"}"))}]";

    private static int Seed()
    {
        string? text = Environment.GetEnvironmentVariable("OVSNET_PROPERTY_SEED");
        return text is null ? Random.Shared.Next(1, 1_000_000) : int.Parse(text, CultureInfo.InvariantCulture);
    }

    private static int Setting(string name, int fallback)
        => Environment.GetEnvironmentVariable(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
}
