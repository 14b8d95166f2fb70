using System.Net.Sockets;
using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class RtNetlinkClient
{
    /// <summary>Lists rules of one family (both when null), in the kernel's order.</summary>
    public async Task<IReadOnlyList<RoutingRule>> GetRulesAsync(AddressFamily? family = null, CancellationToken cancellationToken = default)
    {
        var result = new List<RoutingRule>();
        foreach (AddressFamily f in Families(family))
        {
            result.AddRange(await this.DumpAsync(RuleCodec.Dump(f), $"list {f} rules", RuleCodec.Decode, cancellationToken).ConfigureAwait(false));
        }

        return result;
    }

    /// <summary>
    /// Adds a rule with CREATE|EXCL. A priority is required: without one the kernel picks a new one on every call
    /// and duplicates pile up. An identical rule (same protocol too) makes the kernel answer EEXIST.
    /// </summary>
    public async Task AddRuleAsync(RoutingRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        if (rule.Priority is null)
        {
            throw new ArgumentException("Adding a rule needs an explicit Priority: the kernel is not idempotent for rules without one.", nameof(rule));
        }

        await this.SendAsync(RuleCodec.Add(rule), $"add rule {rule}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes the first rule matching every field given (ENOENT when none does).</summary>
    public async Task RemoveRuleAsync(RoutingRule rule, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rule.Validate();
        await this.SendAsync(RuleCodec.Remove(rule), $"remove rule {rule}", cancellationToken).ConfigureAwait(false);
    }
}
