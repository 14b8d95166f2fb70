namespace OvsNet.Routing;

/// <summary>The kinds of steps a <see cref="RoutingPlan"/> contains, in the order they run.</summary>
public enum PlannedChangeKind
{
    /// <summary>Set the endpoint interface administratively up.</summary>
    BringLinkUp,

    /// <summary>Add the endpoint address (tagged).</summary>
    AddAddress,

    /// <summary>Remove a route OvsNet installed that no longer matches the policy.</summary>
    RemoveRoute,

    /// <summary>Add the tunnel table's default route.</summary>
    AddRoute,

    /// <summary>Add the source rule.</summary>
    AddRule,

    /// <summary>Remove a rule OvsNet installed that no longer matches the policy.</summary>
    RemoveRule,

    /// <summary>Remove an address OvsNet installed.</summary>
    RemoveAddress,
}
