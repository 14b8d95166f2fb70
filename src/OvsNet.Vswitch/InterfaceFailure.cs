namespace OvsNet.Vswitch;

/// <summary>An interface ovs-vswitchd could not set up, as it reported in the <c>Interface</c> row.</summary>
/// <param name="Name">The interface name.</param>
/// <param name="Error">The <c>error</c> column, for example <c>could not open network device x (No such device)</c>.</param>
/// <param name="OfPort">The <c>ofport</c> column: -1 when ovs-vswitchd failed to add the interface; null when unset.</param>
public sealed record InterfaceFailure(string Name, string Error, long? OfPort)
{
    /// <inheritdoc/>
    public override string ToString() => $"{this.Name}: {this.Error}";
}
