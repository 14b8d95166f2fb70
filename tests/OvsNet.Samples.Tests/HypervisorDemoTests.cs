using OvsNet.Samples.Hypervisor;
using OvsNet.TestSupport;

namespace OvsNet.Samples.Tests;

/// <summary>Runs the main demo the way the README's first command does, and checks what it printed.</summary>
public class HypervisorDemoTests
{
    [Fact]
    public async Task Demo_creates_br0_with_mgmt0_and_tep0_as_ovs_vsctl_show_confirms()
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovsdb-tool");
        Prerequisites.RequireTool("ovs-vsctl");
        string schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
        using var output = new StringWriter();

        int exit = await HypervisorDemo.RunAsync([schema], output, TestContext.Current.CancellationToken);

        string text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("created br0 with internal ports mgmt0 and tep0", text, StringComparison.Ordinal);
        Assert.Contains("second run: nothing to do (idempotent)", text, StringComparison.Ordinal);
        Assert.Contains("interface tep0 type=internal", text, StringComparison.Ordinal);
        // The witness section is ovs-vsctl's own output.
        string witness = text[text.IndexOf("ovs-vsctl show (independent witness):", StringComparison.Ordinal)..];
        Assert.Contains("Bridge br0", witness, StringComparison.Ordinal);
        Assert.Contains("Interface mgmt0", witness, StringComparison.Ordinal);
        Assert.Contains("type: internal", witness, StringComparison.Ordinal);
    }
}
