namespace OvsNet.Routing;

/// <summary>What a routing rule does when it matches (FR_ACT_*).</summary>
public enum RuleAction : byte
{
    /// <summary>Unspecified; only meaningful as a wildcard when deleting.</summary>
    Unspecified = 0,

    /// <summary>Look the packet up in the rule's table.</summary>
    ToTable = 1,

    /// <summary>Jump to another rule.</summary>
    Goto = 2,

    /// <summary>No operation.</summary>
    Nop = 3,

    /// <summary>Drop silently.</summary>
    Blackhole = 6,

    /// <summary>Drop with "network unreachable".</summary>
    Unreachable = 7,

    /// <summary>Drop with "administratively prohibited".</summary>
    Prohibit = 8,
}
