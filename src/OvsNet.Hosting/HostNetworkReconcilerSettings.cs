using Microsoft.Extensions.Logging;
using OvsNet.Hypervisor;

namespace OvsNet.Hosting;

/// <summary>
/// The settings of the hosted <see cref="HostNetworkReconciler"/>, bound from a configuration section and/or set in
/// code: where the host's Open vSwitch and network namespace are, how often to check, and the
/// <see cref="HostNetworkOptions"/> it applies with. The spec itself comes from code.
/// </summary>
public sealed class HostNetworkReconcilerSettings
{
    private static readonly HostNetworkOptions HostDefaults = new();

    /// <summary>Gets or sets the Open_vSwitch database's remote (default <see cref="HostNetworkReconcilerOptions.DefaultVswitchRemote"/>).</summary>
    public string VswitchRemote { get; set; } = HostNetworkReconcilerOptions.DefaultVswitchRemote;

    /// <summary>Gets or sets ovs-vswitchd's control socket or pidfile (default <see cref="HostNetworkReconcilerOptions.DefaultVswitchdControl"/>; empty: none).</summary>
    public string? VswitchdControl { get; set; } = HostNetworkReconcilerOptions.DefaultVswitchdControl;

    /// <summary>Gets or sets the network namespace ovs-vswitchd creates its devices in (null: the current one).</summary>
    public string? NetworkNamespace { get; set; }

    /// <summary>Gets or sets the time between passes once converged (default 30 s).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the time before a failed pass is retried (default 5 s).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the owner mark of the rows and routing entries the reconciler manages (<see cref="HostNetworkOptions.Owner"/>).</summary>
    public string Owner { get; set; } = HostDefaults.Owner;

    /// <summary>Gets or sets a value indicating whether unmarked rows and entries that match the spec are adopted (<see cref="HostNetworkOptions.AdoptExisting"/>).</summary>
    public bool AdoptExisting { get; set; } = HostDefaults.AdoptExisting;

    /// <summary>Gets or sets a value indicating whether the host's default route moves onto the management port (<see cref="HostNetworkOptions.TakeOverDefaultRoute"/>).</summary>
    public bool TakeOverDefaultRoute { get; set; } = HostDefaults.TakeOverDefaultRoute;

    /// <summary>Gets or sets the iproute2 directory the table name is registered in (<see cref="HostNetworkOptions.Iproute2Directory"/>).</summary>
    public string Iproute2Directory { get; set; } = HostDefaults.Iproute2Directory;

    /// <summary>Gets or sets how long an apply waits for ovs-vswitchd's devices (<see cref="HostNetworkOptions.DeviceTimeout"/>).</summary>
    public TimeSpan DeviceTimeout { get; set; } = HostDefaults.DeviceTimeout;

    /// <summary>Builds the reconciler options.</summary>
    /// <param name="spec">The spec to keep applied.</param>
    /// <param name="loggerFactory">The logger factory of the host.</param>
    /// <returns>The options.</returns>
    public HostNetworkReconcilerOptions ToOptions(HostNetworkSpec spec, ILoggerFactory? loggerFactory) => new()
    {
        Spec = spec,
        VswitchRemote = this.VswitchRemote,
        VswitchdControl = string.IsNullOrEmpty(this.VswitchdControl) ? null : this.VswitchdControl,
        NetworkNamespace = string.IsNullOrEmpty(this.NetworkNamespace) ? null : this.NetworkNamespace,
        Interval = this.Interval,
        RetryDelay = this.RetryDelay,
        Host = new HostNetworkOptions
        {
            Owner = this.Owner,
            AdoptExisting = this.AdoptExisting,
            TakeOverDefaultRoute = this.TakeOverDefaultRoute,
            Iproute2Directory = this.Iproute2Directory,
            DeviceTimeout = this.DeviceTimeout,
            LoggerFactory = loggerFactory ?? HostDefaults.LoggerFactory,
        },
    };
}
