namespace OvsNet.Hypervisor;

/// <summary>The host does not match its spec, or does not forward as the spec says (<see cref="HostNetworkManager.VerifyAsync"/>).</summary>
public sealed class HostNetworkVerificationException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="HostNetworkVerificationException"/> class.</summary>
    /// <param name="message">What disagrees.</param>
    /// <param name="plan">The plan at the time of the check (empty unless the mismatch is a pending change).</param>
    /// <param name="innerException">The routing verification failure, if that is what disagreed.</param>
    public HostNetworkVerificationException(string message, HostNetworkPlan plan, Exception? innerException)
        : base(message, innerException) => this.Plan = plan;

    /// <summary>Gets the plan at the time of the check.</summary>
    public HostNetworkPlan Plan { get; }
}
