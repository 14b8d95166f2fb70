using OvsNet.Samples.Vswitch;

namespace OvsNet.Vswitch.Tests;

/// <summary>Runs samples/OvsNet.Samples.Vswitch against the fixture, with ovs-vsctl and ip as witnesses.</summary>
public sealed class SampleTests
{
    [Trait("Category", "Integration")]
    [Fact]
    public async Task The_sample_builds_br0_with_mgmt0_and_tep0_and_a_gre_tunnel_on_br_int_and_is_idempotent()
    {
        await using Lab lab = await Lab.StartAsync();
        var output = new StringWriter();

        int exit = await VswitchSample.RunAsync(["--db", lab.Fixture.Endpoint, "--key", "7"], output, Lab.Token());
        var again = new StringWriter();
        int exitAgain = await VswitchSample.RunAsync(["--db", lab.Fixture.Endpoint, "--key", "7"], again, Lab.Token());

        Assert.True(exit == 0, output.ToString());
        Assert.Equal(0, exitAgain);
        Assert.Contains("    Bridge br0", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("options: {key=\"7\", local_ip=\"198.51.100.10\", remote_ip=\"198.51.101.10\"}", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("gre0: already as wanted", again.ToString(), StringComparison.Ordinal);
        Assert.Contains("    Bridge br-int", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(["mgmt0", "tep0"], await lab.PortsAsync("br0"));
        Assert.Equal(["gre0"], await lab.PortsAsync("br-int"));
        IReadOnlySet<string> links = lab.Fixture.LinkNames();
        Assert.Contains("mgmt0", links);
        Assert.Contains("tep0", links);
    }

    [Fact]
    public async Task The_sample_rejects_a_bad_address_before_connecting()
    {
        var output = new StringWriter();

        int exit = await VswitchSample.RunAsync(["--db", "unix:/nonexistent.sock", "--remote-ip", "not-an-ip"], output, Lab.Token());

        Assert.Equal(2, exit);
        Assert.Contains("remote_ip", output.ToString(), StringComparison.Ordinal);
    }
}
