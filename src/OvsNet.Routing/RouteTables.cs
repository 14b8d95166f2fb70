namespace OvsNet.Routing;

/// <summary>Well-known routing table ids. 0, 253, 254 and 255 are reserved and never used for a policy table.</summary>
public static class RouteTables
{
    /// <summary>RT_TABLE_UNSPEC.</summary>
    public const uint Unspecified = 0;

    /// <summary>RT_TABLE_COMPAT: what a dump's header says for tables above 255 (the real id is in an attribute).</summary>
    public const uint Compat = 252;

    /// <summary>RT_TABLE_DEFAULT.</summary>
    public const uint Default = 253;

    /// <summary>RT_TABLE_MAIN, where ordinary routes live.</summary>
    public const uint Main = 254;

    /// <summary>RT_TABLE_LOCAL, the kernel's local and broadcast routes.</summary>
    public const uint Local = 255;

    /// <summary>True for the ids no policy may claim.</summary>
    public static bool IsReserved(uint table) => table is Unspecified or Default or Main or Local;
}
