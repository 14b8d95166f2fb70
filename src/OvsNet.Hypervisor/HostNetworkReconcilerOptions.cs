namespace OvsNet.Hypervisor;

/// <summary>What a <see cref="HostNetworkReconciler"/> keeps applied, where, and how often it checks.</summary>
public sealed class HostNetworkReconcilerOptions
{
    /// <summary>The ovsdb-server of a Debian/Ubuntu Open vSwitch installation.</summary>
    public const string DefaultVswitchRemote = "unix:/var/run/openvswitch/db.sock";

    /// <summary>The ovs-vswitchd pidfile of a Debian/Ubuntu Open vSwitch installation.</summary>
    public const string DefaultVswitchdControl = "/var/run/openvswitch/ovs-vswitchd.pid";

    /// <summary>Gets the spec kept applied.</summary>
    public required HostNetworkSpec Spec { get; init; }

    /// <summary>Gets the Open_vSwitch database's remote (default <see cref="DefaultVswitchRemote"/>).</summary>
    public string VswitchRemote { get; init; } = DefaultVswitchRemote;

    /// <summary>
    /// Gets ovs-vswitchd's control socket (<c>ovs-vswitchd.PID.ctl</c>), its pidfile (a path ending in <c>.pid</c>; the
    /// socket is then <c>ovs-vswitchd.PID.ctl</c> next to it, found again on every reconnection, so a restarted
    /// ovs-vswitchd is followed), or null when the spec needs no userspace router (default
    /// <see cref="DefaultVswitchdControl"/>). See <see cref="OvsUnixctlClient.ResolveSocketPath"/>.
    /// </summary>
    public string? VswitchdControl { get; init; } = DefaultVswitchdControl;

    /// <summary>Gets the network namespace (a name under <c>/run/netns</c>) ovs-vswitchd creates its devices in, or null for the current one.</summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>Gets the time between passes once the host has converged (default 30 s).</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the time before a failed pass is retried (default 5 s; never longer than <see cref="Interval"/>).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets the options of the <see cref="HostNetworkManager"/> each pass applies with.</summary>
    public HostNetworkOptions Host { get; init; } = new();

    /// <summary>Checks the options before anything connects.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(this.Spec, nameof(this.Spec));
        ArgumentNullException.ThrowIfNull(this.Host, nameof(this.Host));
        this.Spec.Validate();
        if (string.IsNullOrWhiteSpace(this.VswitchRemote) || !OvsdbEndpoint.TryParse(this.VswitchRemote, out _))
        {
            throw new ArgumentException($"HostNetworkReconcilerOptions.VswitchRemote '{this.VswitchRemote}' is not an OVSDB remote (unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT).", nameof(this.VswitchRemote));
        }

        if (this.VswitchdControl is { } control && (string.IsNullOrWhiteSpace(control) || (!Path.IsPathRooted(control) && control.Contains('/', StringComparison.Ordinal))))
        {
            throw new ArgumentException($"HostNetworkReconcilerOptions.VswitchdControl '{control}' must be an absolute path (socket or pidfile) or a daemon name such as ovs-vswitchd.", nameof(this.VswitchdControl));
        }

        if (this.Interval <= TimeSpan.Zero || this.RetryDelay <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(this.Interval), "HostNetworkReconcilerOptions: Interval and RetryDelay must be positive.");
        }
    }
}
