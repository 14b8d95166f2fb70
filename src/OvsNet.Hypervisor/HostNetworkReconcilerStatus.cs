namespace OvsNet.Hypervisor;

/// <summary>Where a <see cref="HostNetworkReconciler"/> stands after its latest pass.</summary>
public sealed record HostNetworkReconcilerStatus
{
    /// <summary>Gets how many passes have run.</summary>
    public long Passes { get; init; }

    /// <summary>Gets how many passes found drift after the host had first converged and changed it back.</summary>
    public long Repairs { get; init; }

    /// <summary>Gets when the latest pass ended (UTC), or null before the first.</summary>
    public DateTimeOffset? LastPassAt { get; init; }

    /// <summary>Gets when a pass last succeeded (UTC), or null if none has.</summary>
    public DateTimeOffset? LastSuccessAt { get; init; }

    /// <summary>Gets the latest successful pass's result, or null.</summary>
    public HostNetworkResult? LastResult { get; init; }

    /// <summary>Gets why the latest pass failed, or null when it succeeded (or none has run).</summary>
    public Exception? LastError { get; init; }

    /// <summary>Gets a value indicating whether the latest pass succeeded: the host matches the spec as of <see cref="LastSuccessAt"/>.</summary>
    public bool IsConverged => this.LastError is null && this.LastSuccessAt is not null;
}
