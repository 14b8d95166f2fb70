using OvsNet.Hypervisor;
using OvsNet.Routing;
using OvsNet.Samples.Hypervisor.Lab;
using OvsNet.Vswitch;

namespace OvsNet.Samples.Hypervisor;

/// <summary>A lab host with the OvsNet clients that configure it: OVSDB, rtnetlink in its namespace, ovs-vswitchd's unixctl.</summary>
public sealed class DemoHost : IAsyncDisposable
{
    private DemoHost(LabHost lab, HostNetworkSpec spec, OvsVswitchClient vswitch, RtNetlinkClient netlink, OvsUnixctlClient control)
    {
        this.Lab = lab;
        this.Spec = spec;
        this.Vswitch = vswitch;
        this.Netlink = netlink;
        this.Control = control;
        // The lab's table names go to a directory of its own: the demo never writes the host's /etc/iproute2.
        this.Manager = new HostNetworkManager(vswitch, netlink, control, new HostNetworkOptions { Iproute2Directory = Path.Combine(lab.Directory, "iproute2") });
    }

    /// <summary>Gets the lab host.</summary>
    public LabHost Lab { get; }

    /// <summary>Gets the host's spec.</summary>
    public HostNetworkSpec Spec { get; }

    /// <summary>Gets the OVS client.</summary>
    public OvsVswitchClient Vswitch { get; }

    /// <summary>Gets the netlink client (in the hypervisor namespace).</summary>
    public RtNetlinkClient Netlink { get; }

    /// <summary>Gets ovs-vswitchd's unixctl client.</summary>
    public OvsUnixctlClient Control { get; }

    /// <summary>Gets the manager that applies the spec.</summary>
    public HostNetworkManager Manager { get; }

    /// <summary>Gets the host's name in the report, for example <c>hv1</c>.</summary>
    public string Name => "hv" + this.Lab.Number;

    /// <summary>Connects the three clients.</summary>
    /// <param name="lab">The lab host.</param>
    /// <param name="spec">Its spec.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected host.</returns>
    public static async Task<DemoHost> ConnectAsync(LabHost lab, HostNetworkSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lab);
        OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(lab.OvsdbEndpoint, null, cancellationToken).ConfigureAwait(false);
        RtNetlinkClient? netlink = null;
        try
        {
            netlink = await RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = lab.Hypervisor.Name }, cancellationToken).ConfigureAwait(false);
            OvsUnixctlClient control = await OvsUnixctlClient.ConnectAsync(lab.VswitchdControl, cancellationToken).ConfigureAwait(false);
            return new DemoHost(lab, spec, vswitch, netlink, control);
        }
        catch
        {
            netlink?.Dispose();
            await vswitch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await this.Control.DisposeAsync().ConfigureAwait(false);
        await this.Netlink.DisposeAsync().ConfigureAwait(false);
        await this.Vswitch.DisposeAsync().ConfigureAwait(false);
    }
}
