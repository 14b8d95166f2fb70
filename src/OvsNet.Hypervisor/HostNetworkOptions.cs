namespace OvsNet.Hypervisor;

/// <summary>Settings of a <see cref="HostNetworkManager"/>. Immutable; safe to share.</summary>
public sealed class HostNetworkOptions
{
    /// <summary>
    /// Gets how long to wait, after ovs-vswitchd confirmed the configuration, for the internal ports to appear as
    /// kernel devices. Default: 30 seconds.
    /// </summary>
    public TimeSpan DeviceTimeout { get; init; } = TimeSpan.FromSeconds(30);
}
