namespace OvsNet.Vswitch;

/// <summary>
/// Who owns the rows an owned topology creates, and how a re-apply treats rows it finds: the bridges, ports and
/// interfaces created by <see cref="OvsVswitchClient.EnsureOwnedTopologyAsync"/> carry <c>external_ids:</c><see cref="Key"/>
/// = <see cref="Owner"/>; a later apply removes the owned ports (and owned bridges) the topology no longer lists, and
/// never removes or takes over a row without that mark.
/// </summary>
/// <remarks>Immutable; safe to share.</remarks>
public sealed record TopologyOwnership
{
    /// <summary>The default <c>external_ids</c> key of the mark.</summary>
    public const string DefaultKey = "ovsnet-owner";

    /// <summary>Gets the owner's name, the mark's value, for example <c>ovsnet-host</c>.</summary>
    public required string Owner { get; init; }

    /// <summary>Gets the <c>external_ids</c> key of the mark. Default: <see cref="DefaultKey"/>.</summary>
    public string Key { get; init; } = DefaultKey;

    /// <summary>
    /// Gets a value indicating whether listed rows that exist without the mark are adopted (marked as owned and
    /// configured as listed). Default false: such a port is refused (<see cref="OvsdbStateConflictException"/>), and an
    /// existing unmarked bridge is used (ports are added to it) but not marked, so it is never removed.
    /// </summary>
    public bool AdoptExisting { get; init; }

    /// <summary>Gets a value indicating whether a row's <c>external_ids</c> carry this owner's mark.</summary>
    /// <param name="externalIds">The row's <c>external_ids</c>.</param>
    /// <returns>True when the row is owned.</returns>
    public bool Owns(IReadOnlyDictionary<string, string> externalIds)
    {
        ArgumentNullException.ThrowIfNull(externalIds);
        return externalIds.TryGetValue(this.Key, out string? value) && string.Equals(value, this.Owner, StringComparison.Ordinal);
    }

    /// <summary>Checks the owner and key (non-empty, no whitespace or control characters, no <c>=</c> in the key).</summary>
    /// <param name="parameterName">The parameter to name in the exception, or null.</param>
    /// <exception cref="ArgumentException">The owner or key is invalid.</exception>
    public void Validate(string? parameterName = null)
    {
        if (string.IsNullOrEmpty(this.Owner) || this.Owner.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException($"The owner '{this.Owner}' must be non-empty, without whitespace or control characters.", parameterName);
        }

        if (string.IsNullOrEmpty(this.Key) || this.Key.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '='))
        {
            throw new ArgumentException($"The external_ids key '{this.Key}' must be non-empty, without whitespace, control characters or '='.", parameterName);
        }
    }

    /// <summary>The map with the mark added.</summary>
    internal Dictionary<string, string> Mark(IReadOnlyDictionary<string, string> externalIds)
        => new(externalIds, StringComparer.Ordinal) { [this.Key] = this.Owner };
}
