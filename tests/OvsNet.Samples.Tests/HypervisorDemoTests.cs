using OvsNet.Samples.Hypervisor;
using OvsNet.TestSupport;

namespace OvsNet.Samples.Tests;

/// <summary>Runs the main demo the way the README's first command does, and checks its report.</summary>
public class HypervisorDemoTests
{
    [Trait("Category", "Integration")]
    [Fact]
    public async Task Demo_builds_two_hypervisors_proves_every_claim_and_cleans_up()
    {
        Prerequisites.RequireRoot();
        foreach (string tool in (string[])["ip", "ovsdb-server", "ovsdb-tool", "ovs-vswitchd", "tcpdump", "ping"])
        {
            Prerequisites.RequireTool(tool);
        }

        string schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
        using var output = new StringWriter();

        int exit = await HypervisorDemo.RunAsync(["--schema", schema], output, TestContext.Current.CancellationToken);

        string text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("10 proofs passed, 0 failed", text, StringComparison.Ordinal);
        Assert.DoesNotContain("[FAIL]", text, StringComparison.Ordinal);
        Assert.Contains("tunneling to 198.51.100.1 via tep0", text, StringComparison.Ordinal);
        Assert.Contains("198.51.100.10 > 198.51.101.10: GREv0", text, StringComparison.Ordinal);
        Assert.EndsWith("proofs passed, 0 failed" + Environment.NewLine, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_rejects_an_unknown_argument_with_usage()
    {
        using var output = new StringWriter();
        Assert.Equal(2, await HypervisorDemo.RunAsync(["--bogus"], output, TestContext.Current.CancellationToken));
        Assert.StartsWith("usage:", output.ToString(), StringComparison.Ordinal);
    }
}
