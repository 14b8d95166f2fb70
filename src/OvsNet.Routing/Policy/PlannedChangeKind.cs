namespace OvsNet.Routing;

/// <summary>The kinds of steps a <see cref="RoutingPlan"/> contains (the plan's list gives their order).</summary>
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

    /// <summary>Write a table-name drop-in (<see cref="PlannedChange.TableName"/>) in the iproute2 directory.</summary>
    RegisterTableName,

    /// <summary>Delete a table-name drop-in OvsNet wrote.</summary>
    UnregisterTableName,

    /// <summary>
    /// Set the device's IPv4 <c>promote_secondaries</c>, so removing an owned primary address promotes the remaining
    /// addresses of its subnet instead of deleting them with it. Undone by clearing it again.
    /// </summary>
    EnablePromoteSecondaries,
}
