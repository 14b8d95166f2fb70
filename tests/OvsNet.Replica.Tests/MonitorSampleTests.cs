using OvsNet.Samples.Monitor;
using OvsNet.TestSupport;

namespace OvsNet.Replica.Tests;

[Trait("Category", "Integration")]
public sealed class MonitorSampleTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Fact]
    public async Task The_monitor_sample_prints_an_interface_ovs_vsctl_adds_and_exits_after_count()
    {
        server.Require();
        await server.VsctlAsync("--no-wait", "add-br", "smbr");
        var output = new LineWriter();
        Task<int> run = InterfaceMonitor.RunAsync(["--db", server.UnixEndpoint, "--count", "1", "--seconds", "30"], output, TestContext.Current.CancellationToken);
        await ReplicaTestKit.EventuallyAsync(() => output.Lines.Contains("watching interface changes"), "the sample is watching");
        Assert.Contains("present smbr type=internal ofport=-", output.Lines);

        await server.VsctlAsync("--no-wait", "add-port", "smbr", "smp1", "--", "set", "Interface", "smp1", "type=internal", "external_ids:iface-id=vm1");
        Assert.Equal(0, await run.WaitAsync(TestTimeouts.Eventually));
        Assert.Contains("insert smp1 type=internal ofport=- external_ids=iface-id=vm1", output.Lines);
        Assert.Equal("1 change(s)", output.Lines[^1]);
    }

    [Fact]
    public async Task The_monitor_sample_exits_after_seconds()
    {
        server.Require();
        var output = new LineWriter();
        Assert.Equal(0, await InterfaceMonitor.RunAsync(["--db", server.UnixEndpoint, "--seconds", "0.5"], output, TestContext.Current.CancellationToken).WaitAsync(TestTimeouts.Eventually));
        Assert.Equal("0 change(s)", output.Lines[^1]);
        Assert.Equal(2, await InterfaceMonitor.RunAsync(["--bogus"], new LineWriter(), TestContext.Current.CancellationToken));
    }
}
