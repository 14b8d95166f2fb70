using OvsNet.TestSupport;
using OvsNet.Vswitch.Operations;

namespace OvsNet.Vswitch.Tests;

/// <summary>A <see cref="VswitchdFixture"/> with an <see cref="OvsVswitchClient"/> connected to it.</summary>
internal sealed class Lab : IAsyncDisposable
{
    private Lab(VswitchdFixture fixture, OvsVswitchClient vswitch)
    {
        this.Fixture = fixture;
        this.Vswitch = vswitch;
    }

    public VswitchdFixture Fixture { get; }

    public OvsVswitchClient Vswitch { get; }

    public static async Task<Lab> StartAsync(OvsVswitchOptions? options = null)
    {
        VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        try
        {
            OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(
                fixture.Endpoint, options ?? new OvsVswitchOptions { VswitchdTimeout = TestTimeouts.Eventually }, TestTimeouts.CallToken());
            return new Lab(fixture, vswitch);
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a lab with bridge br0 (netdev datapath) already ensured.</summary>
    public static async Task<Lab> WithBridgeAsync(string bridge = "br0")
    {
        Lab lab = await StartAsync();
        await lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = bridge, DatapathType = "netdev" }, Token());
        return lab;
    }

    public static CancellationToken Token() => new CancellationTokenSource(TestTimeouts.Eventually + TestTimeouts.Call).Token;

    public async Task<string[]> PortsAsync(string bridge)
        => (await this.Fixture.VsctlAsync("--no-wait", "list-ports", bridge)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task<long> NextCfgAsync() => long.Parse(await this.Fixture.VsctlGetAsync("Open_vSwitch", ".", "next_cfg"), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await this.Vswitch.DisposeAsync();
        await this.Fixture.DisposeAsync();
    }
}
