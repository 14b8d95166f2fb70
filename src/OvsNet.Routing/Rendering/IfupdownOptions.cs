namespace OvsNet.Routing.Rendering;

/// <summary>What the ifupdown stanza needs beyond the policy. Immutable.</summary>
public sealed class IfupdownOptions
{
    /// <summary>The OVS bridge the internal port belongs to (<c>ovs_bridge</c>, <c>allow-BRIDGE</c>).</summary>
    public string OvsBridge { get; init; } = "br0";
}
