namespace OvsNet.Vswitch;

/// <summary>What a <see cref="VswitchChange"/> did to its row.</summary>
public enum VswitchChangeKind
{
    /// <summary>The row was inserted: a bridge (with its local port), a port added to a bridge, an interface created in a port.</summary>
    Created,

    /// <summary>One column of an existing row changed (for a map column, one key).</summary>
    Updated,

    /// <summary>The row was deleted: a bridge (with its ports), a port removed from its bridge, an interface removed from its port.</summary>
    Removed,
}
