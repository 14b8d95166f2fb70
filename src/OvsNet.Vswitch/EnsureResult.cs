namespace OvsNet.Vswitch;

/// <summary>What an ensure or remove operation did. Immutable; safe to share.</summary>
public sealed record EnsureResult
{
    /// <summary>Gets a value indicating whether anything was written (false: the database already matched).</summary>
    public required bool Changed { get; init; }

    /// <summary>
    /// Gets the changes, one record per row created or removed and per column (or map key) updated; each renders as
    /// one line, for example <c>interface gre0: options:key "5" -> "6"</c>. Empty when unchanged.
    /// </summary>
    public required IReadOnlyList<VswitchChange> Changes { get; init; }

    /// <summary>Gets how many times the change was planned: 1, or more when a concurrent writer forced a retry.</summary>
    public required int Attempts { get; init; }

    /// <summary>
    /// Gets the configuration number (<c>next_cfg</c>) ovs-vswitchd confirmed in <c>cur_cfg</c>, or null when nothing
    /// was written or waiting was off (<see cref="OvsVswitchOptions.WaitForVswitchd"/>).
    /// </summary>
    public long? AppliedConfiguration { get; init; }

    /// <inheritdoc/>
    public override string ToString() => this.Changed ? string.Join(Environment.NewLine, this.Changes.Select(c => c.ToString())) : "unchanged";
}
