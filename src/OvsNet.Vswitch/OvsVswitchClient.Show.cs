
namespace OvsNet.Vswitch;

/// <content>The tree view.</content>
public sealed partial class OvsVswitchClient
{
    /// <summary>
    /// Reads the whole switch configuration as a typed tree (<c>ovs-vsctl show</c>) from one consistent snapshot; each
    /// node carries its typed row (<see cref="OpenVSwitch"/>, <see cref="Bridge"/>, <see cref="Port"/>, <see cref="Interface"/>).
    /// </summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The tree; its <see cref="VswitchTree.ToString"/> looks like <c>ovs-vsctl show</c>.</returns>
    /// <exception cref="OvsdbStateConflictException">The database is not initialized (no Open_vSwitch row).</exception>
    public async Task<VswitchTree> ShowAsync(CancellationToken cancellationToken = default)
    {
        VswitchState state = await this.ReadStateAsync(cancellationToken).ConfigureAwait(false);
        return new VswitchTree
        {
            Root = state.Root,
            Bridges = [.. state.RootBridges().OrderBy(b => b.Name, StringComparer.Ordinal).Select(b => new VswitchBridge
            {
                Row = b,
                Ports = [.. state.PortsOf(b).OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => new VswitchPort
                {
                    Row = p,
                    Interfaces = [.. state.InterfacesOf(p).OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => new VswitchInterface { Row = i })],
                })],
            })],
        };
    }
}
