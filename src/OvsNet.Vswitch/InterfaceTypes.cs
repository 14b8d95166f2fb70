namespace OvsNet.Vswitch;

/// <summary>The <c>Interface.type</c> values OvsNet builds specs for (ovs-vswitchd.conf.db(5)).</summary>
public static class InterfaceTypes
{
    /// <summary>An existing network device (the empty string in the database; <c>system</c> is a synonym).</summary>
    public const string System = "";

    /// <summary>A device created by Open vSwitch (a tap on a <c>netdev</c> bridge).</summary>
    public const string Internal = "internal";

    /// <summary>One end of a patch pair between two bridges (<c>options:peer</c>).</summary>
    public const string Patch = "patch";

    /// <summary>A GRE tunnel.</summary>
    public const string Gre = "gre";

    /// <summary>A VXLAN tunnel.</summary>
    public const string Vxlan = "vxlan";

    /// <summary>A Geneve tunnel.</summary>
    public const string Geneve = "geneve";

    /// <summary>Maps <c>system</c> to the empty string, as ovs-vswitchd treats them alike.</summary>
    internal static string Normalize(string? type) => type is null or "system" ? string.Empty : type;
}
