using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Tool.Tests;

/// <summary><c>ovsnet host ...</c> run as a process against ovs-vswitchd in a namespace, with ovs-vsctl, ip and ovs-appctl as witnesses.</summary>
[Trait("Category", "Integration")]
public sealed class HostCommandTests
{
    [Fact]
    public async Task Plan_apply_verify_and_remove_follow_the_exit_codes_and_the_witnesses_agree()
    {
        await using ToolLab lab = await ToolLab.StartAsync();

        ToolRun plan = await lab.RunAsync("host", "plan", lab.SpecPath);
        Assert.True(plan.ExitCode == 2, plan.ToString());
        Assert.Contains("ovs: ", plan.Output, StringComparison.Ordinal);
        Assert.Contains("routing: ", plan.Output, StringComparison.Ordinal);
        Assert.Contains("ovs-router: ", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("br0", lab.Fixture.LinkNames());   // plan wrote nothing

        ToolRun apply = await lab.RunAsync("host", "apply", lab.SpecPath);
        Assert.True(apply.ExitCode == 2, apply.ToString());
        Assert.Contains("verified: the plan is empty", apply.Output, StringComparison.Ordinal);
        Assert.Contains("verified: kernel 198.51.101.10 from 198.51.100.10: via 198.51.100.1 dev tep0 table 200", apply.Output, StringComparison.Ordinal);
        Assert.Contains("verified: ovs-vswitchd 198.51.101.10: via 198.51.100.1 dev tep0", apply.Output, StringComparison.Ordinal);
        Assert.Contains("from 198.51.100.10 lookup 200", lab.Namespace.Ip("rule", "show"), StringComparison.Ordinal);
        Assert.Contains("198.51.101.10 from 198.51.100.10 via 198.51.100.1 dev tep0 table 200", lab.Namespace.Ip("route", "get", "198.51.101.10", "from", "198.51.100.10"), StringComparison.Ordinal);
        Assert.Contains("gre0", await lab.Fixture.VsctlAsync("--no-wait", "list-ports", "br-int"), StringComparison.Ordinal);

        ToolRun again = await lab.RunAsync("host", "plan", lab.SpecPath);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal("(nothing to do)", again.Output.Trim());
        ToolRun reapply = await lab.RunAsync("host", "apply", lab.SpecPath);
        Assert.True(reapply.ExitCode == 0, reapply.ToString());
        Assert.StartsWith("(nothing to do)", reapply.Output, StringComparison.Ordinal);
        ToolRun verify = await lab.RunAsync("host", "verify", lab.SpecPath);
        Assert.True(verify.ExitCode == 0, verify.ToString());

        ToolRun show = await lab.RunAsync("host", "show");
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Contains("Bridge br0", show.Output, StringComparison.Ordinal);
        Assert.Contains("== rules", show.Output, StringComparison.Ordinal);
        Assert.Contains("198.51.100.10", show.Output, StringComparison.Ordinal);

        // Export: the live host as a spec file that plan finds nothing to do for.
        ToolRun export = await lab.RunAsync("host", "export");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("address: 198.51.100.10/24", export.Output, StringComparison.Ordinal);
        Assert.Contains("remote-subnet: 198.51.101.0/24", export.Output, StringComparison.Ordinal);
        string exported = Specs.Write(lab.Fixture.Directory, export.Output, "exported.yaml");
        ToolRun planExported = await lab.RunAsync("host", "plan", exported);
        Assert.True(planExported.ExitCode == 0, planExported + "\n" + export.Output);

        ToolRun remove = await lab.RunAsync("host", "remove", lab.SpecPath);
        Assert.True(remove.ExitCode == 2, remove.ToString());
        Assert.DoesNotContain("lookup 200", lab.Namespace.Ip("rule", "show"), StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        ToolRun removeAgain = await lab.RunAsync("host", "remove", lab.SpecPath);
        Assert.True(removeAgain.ExitCode == 0, removeAgain.ToString());
    }

    [Fact]
    public async Task Json_output_carries_the_typed_plan_result_and_verification()
    {
        await using ToolLab lab = await ToolLab.StartAsync();

        ToolRun plan = await lab.RunAsync("host", "plan", lab.SpecPath, "--json");
        Assert.True(plan.ExitCode == 2, plan.ToString());
        using (JsonDocument json = JsonDocument.Parse(plan.Output))
        {
            Assert.False(json.RootElement.GetProperty("empty").GetBoolean());
            Assert.Contains(json.RootElement.GetProperty("ovs").EnumerateArray(), c => c.GetProperty("name").GetString() == "gre0");
            Assert.Contains(json.RootElement.GetProperty("routing").EnumerateArray(), c => c.GetProperty("kind").GetString() == "AddRule");
            Assert.Equal("198.51.101.0/24", Assert.Single(json.RootElement.GetProperty("ovsRouter").EnumerateArray()).GetProperty("prefix").GetString());
        }

        ToolRun apply = await lab.RunAsync("host", "apply", lab.SpecPath, "--json");
        Assert.True(apply.ExitCode == 2, apply.ToString());
        using (JsonDocument json = JsonDocument.Parse(apply.Output))
        {
            Assert.True(json.RootElement.GetProperty("changed").GetBoolean());
            JsonElement kernel = json.RootElement.GetProperty("verification").GetProperty("kernel");
            Assert.Contains(kernel.EnumerateArray(), k => k.GetProperty("destination").GetString() == "198.51.101.10" && k.GetProperty("gateway").GetString() == "198.51.100.1" && k.GetProperty("table").GetInt32() == 200);
            Assert.Equal("tep0", Assert.Single(json.RootElement.GetProperty("verification").GetProperty("ovsRouter").EnumerateArray()).GetProperty("device").GetString());
        }

        ToolRun error = await lab.RunAsync("host", "apply", Specs.Write(lab.Fixture.Directory, Specs.Host.Replace("gateway: 192.0.2.1", "gateway: 10.9.9.9", StringComparison.Ordinal), "bad.yaml"), "--json");
        Assert.True(error.ExitCode == 1, error.ToString());
        using (JsonDocument json = JsonDocument.Parse(error.Output))
        {
            Assert.False(json.RootElement.GetProperty("valid").GetBoolean());
            JsonElement problem = Assert.Single(json.RootElement.GetProperty("diagnostics").EnumerateArray());
            Assert.Equal(8, problem.GetProperty("line").GetInt32());
        }
    }

    [Fact]
    public async Task A_bonded_and_tagged_host_applies_and_its_export_plans_to_nothing()
    {
        string spec = Specs.Host
            .Replace("  uplink: hv-up\n", "  bond: { name: bond0, interfaces: [hv-up, hv-up2], mode: balance-slb }\n", StringComparison.Ordinal)
            .Replace("  gateway: 192.0.2.1\n", "  gateway: 192.0.2.1\n  vlan: 10\n", StringComparison.Ordinal)
            .Replace("  table: { id: 200, name: tunnel }\n", "  table: { id: 200, name: tunnel }\n  vlan: 20\n  mtu: 1450\n", StringComparison.Ordinal);
        await using ToolLab lab = await ToolLab.StartAsync(spec);
        lab.Namespace.CreateVethPair("hv-up2", "hv-peer2");

        ToolRun apply = await lab.RunAsync("host", "apply", lab.SpecPath);
        Assert.True(apply.ExitCode == 2, apply.ToString());
        Assert.Equal("balance-slb", (await lab.Fixture.VsctlGetAsync("Port", "bond0", "bond_mode")).Trim('"'));
        Assert.Equal(("10", "20"), (await lab.Fixture.VsctlGetAsync("Port", "mgmt0", "tag"), await lab.Fixture.VsctlGetAsync("Port", "tep0", "tag")));
        Assert.Contains("mtu 1450", lab.Namespace.Ip("link", "show", "tep0"), StringComparison.Ordinal);

        ToolRun export = await lab.RunAsync("host", "export");
        Assert.True(export.ExitCode == 0, export.ToString());
        Assert.Contains("interfaces: [hv-up, hv-up2]", export.Output, StringComparison.Ordinal);
        Assert.Contains("vlan: 20", export.Output, StringComparison.Ordinal);
        ToolRun plan = await lab.RunAsync("host", "plan", Specs.Write(lab.Fixture.Directory, export.Output, "exported.yaml"));
        Assert.True(plan.ExitCode == 0, plan + "\n" + export.Output);
    }

    [Fact]
    public async Task A_refused_apply_exits_1_with_the_reason_and_changes_nothing()
    {
        await using ToolLab lab = await ToolLab.StartAsync();
        lab.Namespace.Ip("link", "set", "hv-up", "up");
        lab.Namespace.Ip("addr", "add", "203.0.113.5/24", "dev", "hv-up");
        lab.Namespace.Ip("route", "add", "default", "via", "203.0.113.1");   // the host's own default route

        ToolRun apply = await lab.RunAsync("host", "apply", lab.SpecPath);

        Assert.True(apply.ExitCode == 1, apply.ToString());
        Assert.Contains("ovsnet: error: The main table already has a default route not installed by OvsNet", apply.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, (await lab.Fixture.VsctlAsync("--no-wait", "list-br")).Trim());
        Assert.Contains("default via 203.0.113.1", lab.Namespace.Ip("route", "show"), StringComparison.Ordinal);
    }
}
