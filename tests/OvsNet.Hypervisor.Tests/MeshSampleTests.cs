using OvsNet.Samples.Mesh;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary>The mesh sample with a small N: every host gets its tunnels, and the re-run changes nothing.</summary>
[Trait("Category", "Integration")]
public class MeshSampleTests
{
    [Fact]
    public async Task A_mesh_of_four_is_complete_and_idempotent()
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovsdb-tool");
        Prerequisites.RequireTool("ovs-vsctl");
        string schema = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
        using var output = new StringWriter();

        int exit = await MeshSample.RunAsync(["--hosts", "4", "--schema", schema], output, TestContext.Current.CancellationToken);

        string text = output.ToString();
        Assert.True(exit == 0, text);
        Assert.Contains("(4 hosts changed, one transaction each)", text, StringComparison.Ordinal);
        Assert.Contains("(0 changed: idempotent=True)", text, StringComparison.Ordinal);
        Assert.Contains("4/4 hosts have exactly their 3 tunnels", text, StringComparison.Ordinal);
        Assert.Contains("PASS mesh of 4", text, StringComparison.Ordinal);
    }
}
