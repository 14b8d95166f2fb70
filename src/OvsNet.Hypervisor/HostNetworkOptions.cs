using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <summary>Settings of a <see cref="HostNetworkManager"/>. Immutable; safe to share.</summary>
public sealed class HostNetworkOptions
{
    /// <summary>The default <see cref="Owner"/>.</summary>
    public const string DefaultOwner = "ovsnet-host";

    /// <summary>
    /// Gets how long to wait, after ovs-vswitchd confirmed the configuration, for the internal ports to appear as
    /// kernel devices (and for ovs-vswitchd to take a tunnel route). Default: 30 seconds.
    /// </summary>
    public TimeSpan DeviceTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Gets the owner's name: the value of <c>external_ids:ovsnet-owner</c> on the OVS rows the host layer creates.
    /// A re-apply removes owned rows the spec no longer declares and never removes a row without the mark.
    /// Default: <see cref="DefaultOwner"/>.
    /// </summary>
    public string Owner { get; init; } = DefaultOwner;

    /// <summary>
    /// Gets a value indicating whether ports the spec declares that already exist without the owner's mark (created by
    /// hand or by another tool) are adopted: marked as owned and configured as the spec says. Default false: such a
    /// port is refused by the plan and the apply, naming this option.
    /// </summary>
    public bool AdoptExisting { get; init; }

    /// <summary>
    /// Gets a value indicating whether a default route in the main table that OvsNet did not install is taken over
    /// when the spec has a management gateway: removed and replaced by the default via the management port (as
    /// os-net-config moves a host's management onto its OVS port), and restored if the apply fails. Default false:
    /// such a route makes the plan refuse, so that applying a spec never cuts a host off its existing management path
    /// without an explicit choice.
    /// </summary>
    public bool TakeOverDefaultRoute { get; init; }

    /// <summary>
    /// Gets the iproute2 configuration directory in which the tunnel table's name is registered on apply (a drop-in
    /// <c>rt_tables.d/NAME.conf</c>, so <c>ip rule</c> shows <c>lookup NAME</c>) and from which it is removed with the
    /// spec. Default: <c>/etc/iproute2</c>.
    /// </summary>
    public string Iproute2Directory { get; init; } = "/etc/iproute2";

    /// <summary>Gets the OVS ownership derived from <see cref="Owner"/> and <see cref="AdoptExisting"/>.</summary>
    internal TopologyOwnership Ownership => new() { Owner = this.Owner, AdoptExisting = this.AdoptExisting };
}
