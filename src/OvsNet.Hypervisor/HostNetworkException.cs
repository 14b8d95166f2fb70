namespace OvsNet.Hypervisor;

/// <summary>
/// A host apply failed at <see cref="Step"/>; everything it had changed before was rolled back (routing undone, the
/// tunnel routes taken out of ovs-vswitchd's router, the bridges and ports it created removed, ports it changed
/// restored). <see cref="RolledBack"/> says what was undone and <see cref="RollbackFailures"/> what could not be.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class HostNetworkException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="HostNetworkException"/> class.</summary>
    public HostNetworkException()
        : this("The host network apply failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HostNetworkException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public HostNetworkException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="HostNetworkException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The cause.</param>
    public HostNetworkException(string message, Exception? innerException)
        : base(message, innerException)
    {
        this.RolledBack = [];
        this.RollbackFailures = [];
    }

    /// <summary>Initializes a new instance of the <see cref="HostNetworkException"/> class.</summary>
    /// <param name="step">The step that failed.</param>
    /// <param name="innerException">The cause.</param>
    /// <param name="rolledBack">What was undone, in the order it was undone.</param>
    /// <param name="rollbackFailures">What could not be undone.</param>
    public HostNetworkException(HostNetworkStep step, Exception innerException, IReadOnlyList<HostNetworkUndoneChange> rolledBack, IReadOnlyList<Exception> rollbackFailures)
        : base(FormatMessage(step, innerException, rollbackFailures), innerException)
    {
        this.Step = step;
        this.RolledBack = [.. rolledBack];
        this.RollbackFailures = [.. rollbackFailures];
    }

    /// <summary>Gets the step that failed.</summary>
    public HostNetworkStep Step { get; }

    /// <summary>Gets what the rollback undid, in the order it was undone (each renders as one line).</summary>
    public IReadOnlyList<HostNetworkUndoneChange> RolledBack { get; }

    /// <summary>Gets the errors of undo steps that failed (empty when the host is as it was).</summary>
    public IReadOnlyList<Exception> RollbackFailures { get; }

    private static string FormatMessage(HostNetworkStep step, Exception inner, IReadOnlyList<Exception> failures)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(failures);
        string rollback = failures.Count == 0 ? "everything it had changed was rolled back" : $"{failures.Count} undo step(s) failed: {string.Join("; ", failures.Select(f => f.Message))}";
        return $"The host network apply failed at {step}: {inner.Message} ({rollback}).";
    }
}
