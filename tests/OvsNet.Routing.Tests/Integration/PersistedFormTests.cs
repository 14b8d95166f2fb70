using OvsNet.Routing.Rendering;

namespace OvsNet.Routing.Tests.Integration;

/// <summary>The ifupdown hooks OvsNet renders are real shell that iproute2 accepts, idempotent, and recognized by the runtime API.</summary>
[Trait("Category", "Integration")]
public class PersistedFormTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ifupdown_hooks_run_twice_give_one_rule_and_route_that_the_runtime_sees_as_applied_and_pre_down_cleans_up()
    {
        using var lab = HypervisorLab.Create();
        lab.Hv.Ip("addr", "add", "198.51.100.10/24", "dev", "tep0");
        lab.Hv.Ip("link", "set", "tep0", "up");
        string stanza = IfupdownRenderer.Render(HypervisorLab.Policy4);

        RunHooks(lab, stanza, "post-up");
        RunHooks(lab, stanza, "post-up"); // ifup again, e.g. after a flap handled by ifupdown
        Assert.Single(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());

        await using RtNetlinkClient client = await lab.OpenClientAsync();
        Assert.True((await new TunnelRoutingManager(client).PlanAsync(HypervisorLab.Policy4, Ct)).IsEmpty);

        RunHooks(lab, stanza, "pre-down");
        Assert.DoesNotContain(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Empty(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
    }

    private static void RunHooks(HypervisorLab lab, string stanza, string hook)
    {
        foreach (string line in stanza.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith(hook + " ", StringComparison.Ordinal)))
        {
            // ifupdown runs each hook with /bin/sh -c; a non-zero exit would fail the stanza.
            var result = lab.Hv.Exec("/bin/sh", "-c", line[(hook.Length + 1)..]);
            Assert.True(result.Succeeded, $"{line}: {result.StandardError}");
        }
    }
}
