namespace OvsNet.Routing;

/// <summary>
/// Planning refused the desired state: entries OvsNet does not own stand in the way (see
/// <see cref="RoutingConflictPolicy"/>). Nothing was changed. The message names each conflicting route, rule or table
/// name and how to resolve it.
/// </summary>
public sealed class RoutingConflictException : RoutingException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public RoutingConflictException()
        : base("The desired routing conflicts with entries OvsNet does not own.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public RoutingConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public RoutingConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception listing <paramref name="conflicts"/>.</summary>
    public RoutingConflictException(IReadOnlyList<RoutingConflict> conflicts)
        : base(Describe(conflicts))
    {
        this.Conflicts = conflicts;
    }

    /// <summary>The conflicts found (all of them, not only the first).</summary>
    public IReadOnlyList<RoutingConflict> Conflicts { get; } = [];

    private static string Describe(IReadOnlyList<RoutingConflict> conflicts)
    {
        ArgumentNullException.ThrowIfNull(conflicts);
        return $"The desired routing conflicts with {conflicts.Count} entr{(conflicts.Count == 1 ? "y" : "ies")} OvsNet does not own: "
            + string.Join("; ", conflicts.Select(c => c.ToString()))
            + ". Nothing was changed. Remove or change the foreign entries, adopt them (re-add them with OvsNet's protocol tag), "
            + "or choose RoutingConflictPolicy.TakeOver to replace them (a rollback restores them).";
    }
}
