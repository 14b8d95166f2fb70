namespace OvsNet.Routing;

/// <summary>A routing-table name for iproute2 (<c>200 tunnel</c>): names exist only in user-space files. Immutable.</summary>
/// <param name="Id">The table id; not 0, 253, 254 or 255.</param>
/// <param name="Name">The name, e.g. <c>tunnel</c>.</param>
public sealed record RouteTableName(uint Id, string Name)
{
    /// <inheritdoc/>
    public override string ToString() => $"{this.Id} {this.Name}";
}
