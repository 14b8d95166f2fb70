using OvsNet.Hypervisor;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Tool;

/// <summary>The three connections a host command needs, and the manager over them.</summary>
internal sealed class HostSession : IAsyncDisposable
{
    private HostSession(OvsVswitchClient vswitch, RtNetlinkClient netlink, OvsUnixctlClient? control, HostNetworkOptions options)
    {
        this.Vswitch = vswitch;
        this.Netlink = netlink;
        this.Control = control;
        this.Manager = new HostNetworkManager(vswitch, netlink, control, options);
    }

    public OvsVswitchClient Vswitch { get; }

    public RtNetlinkClient Netlink { get; }

    public OvsUnixctlClient? Control { get; }

    public HostNetworkManager Manager { get; }

    /// <summary>Connects; ovs-vswitchd's control socket is required when the spec routes tunnels in ovs-vswitchd's own router.</summary>
    public static async Task<HostSession> OpenAsync(ToolContext context, HostNetworkSpec? spec, CancellationToken cancellationToken)
    {
        OvsVswitchClient vswitch = await context.ConnectVswitchAsync(cancellationToken).ConfigureAwait(false);
        RtNetlinkClient? netlink = null;
        try
        {
            netlink = await context.OpenNetlinkAsync(cancellationToken).ConfigureAwait(false);
            bool needsRouter = spec is not null && spec.ToOvsRoutes().Count > 0;
            OvsUnixctlClient? control = await context.ConnectVswitchdAsync(needsRouter, cancellationToken).ConfigureAwait(false);
            return new HostSession(vswitch, netlink, control, context.HostOptions);
        }
        catch
        {
            if (netlink is not null)
            {
                await netlink.DisposeAsync().ConfigureAwait(false);
            }

            await vswitch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (this.Control is not null)
        {
            await this.Control.DisposeAsync().ConfigureAwait(false);
        }

        await this.Netlink.DisposeAsync().ConfigureAwait(false);
        await this.Vswitch.DisposeAsync().ConfigureAwait(false);
    }
}
