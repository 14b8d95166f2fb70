namespace OvsNet.Routing;

/// <summary>The kinds of steps a <see cref="RoutingPlan"/> contains (the plan's list gives their order).</summary>
public enum PlannedChangeKind
{
    /// <summary>Set a device administratively up (<see cref="PlannedChange.DeviceName"/>).</summary>
    BringLinkUp,

    /// <summary>Add an address (tagged with the engine's protocol).</summary>
    AddAddress,

    /// <summary>Remove a route: an owned one the desired state no longer declares, or a foreign one taken over (<see cref="PlannedChange.TakesOver"/>).</summary>
    RemoveRoute,

    /// <summary>Add a route (tagged), in any table.</summary>
    AddRoute,

    /// <summary>Add a rule (tagged).</summary>
    AddRule,

    /// <summary>Remove a rule: an owned one the desired state no longer declares, or a foreign one taken over.</summary>
    RemoveRule,

    /// <summary>Remove an address the engine owns.</summary>
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
