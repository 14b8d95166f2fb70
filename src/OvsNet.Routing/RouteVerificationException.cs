namespace OvsNet.Routing;

/// <summary>
/// After an apply, the kernel's own route lookup disagreed with the desired state (e.g. a foreign rule catches a
/// desired rule's source first). The applied steps were rolled back (see <see cref="UndoneChanges"/> and
/// <see cref="RollbackFailures"/>).
/// </summary>
public sealed class RouteVerificationException : RoutingException
{
    /// <summary>Creates an exception with a generic message.</summary>
    public RouteVerificationException()
        : base("The kernel's route lookup does not follow the applied routing.")
    {
    }

    /// <summary>Creates an exception with the given message.</summary>
    public RouteVerificationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with the given message and inner exception.</summary>
    public RouteVerificationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for a probe the kernel answered otherwise.</summary>
    /// <param name="probe">The probe that failed.</param>
    /// <param name="actual">The kernel's answer (null when the lookup itself failed).</param>
    /// <param name="actualDescription">The answer in words (device names resolved), or the lookup's error.</param>
    /// <param name="undone">The steps rolled back, in the order they were undone.</param>
    /// <param name="rollbackFailures">Errors met while rolling back.</param>
    /// <param name="innerException">The lookup's error, if any.</param>
    public RouteVerificationException(RouteProbe probe, RouteLookup? actual, string actualDescription, IReadOnlyList<PlannedChange> undone, IReadOnlyList<Exception> rollbackFailures, Exception? innerException = null)
        : base(Describe(probe, actualDescription, undone, rollbackFailures), innerException)
    {
        this.Probe = probe;
        this.Actual = actual;
        this.UndoneChanges = undone;
        this.RollbackFailures = rollbackFailures;
    }

    /// <summary>The probe that failed.</summary>
    public RouteProbe? Probe { get; }

    /// <summary>The kernel's answer, or null when the lookup failed.</summary>
    public RouteLookup? Actual { get; }

    /// <summary>The steps rolled back, in the order they were undone.</summary>
    public IReadOnlyList<PlannedChange> UndoneChanges { get; } = [];

    /// <summary>Errors met while rolling back; empty when the rollback was clean.</summary>
    public IReadOnlyList<Exception> RollbackFailures { get; } = [];

    private static string Describe(RouteProbe probe, string actual, IReadOnlyList<PlannedChange> undone, IReadOnlyList<Exception> rollbackFailures)
    {
        ArgumentNullException.ThrowIfNull(probe);
        return $"The kernel does not route as the desired state says: {probe}, but it answers {actual}. "
            + (rollbackFailures.Count == 0
                ? $"The {undone.Count} applied step(s) were rolled back."
                : $"Rolling back {undone.Count} step(s) met {rollbackFailures.Count} error(s); the kernel may be partly configured.")
            + " Look for a rule with a lower priority number or a more specific route that catches this traffic (ip rule; ip route get).";
    }
}
