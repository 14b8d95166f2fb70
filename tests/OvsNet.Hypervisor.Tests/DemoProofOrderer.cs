using Xunit.Sdk;
using Xunit.v3;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// Runs the two-host lab's tests in the demo's order, so that the proof that deletes and restores ovs-vswitchd's
/// tunnel route (the OVS-router fact) runs after the traffic proofs, as in the demo. While that route is gone,
/// ovs-vswitchd sends tunnel traffic with tep0's source address out through mgmt0, which can leave the lab router's
/// neighbour entry for tep0's address on another of the hypervisor's MACs for a while (captures show replies sent to
/// a MAC other than tep0's); a traffic proof right after it would measure that window rather than the host layer.
/// </summary>
public sealed class DemoProofOrderer : ITestCaseOrderer
{
    private static readonly string[] Order =
    [
        nameof(TwoHostLabTests.Applying_each_spec_again_plans_nothing),
        nameof(TwoHostLabTests.Tunnel_traffic_leaves_through_tep0_and_the_tunnel_gateway),
        nameof(TwoHostLabTests.Management_traffic_leaves_through_mgmt0_and_its_gateway),
        nameof(TwoHostLabTests.Vms_reach_each_other_over_gre_between_the_tep0_addresses),
        nameof(TwoHostLabTests.Ovs_vswitchd_tunnels_via_tep0_only_with_the_ovs_router_entry),
    ];

    /// <inheritdoc/>
    public IReadOnlyCollection<TTestCase> OrderTestCases<TTestCase>(IReadOnlyCollection<TTestCase> testCases)
        where TTestCase : notnull, ITestCase
        => [.. testCases.OrderBy(t => Array.IndexOf(Order, t.TestMethodName) is var i && i >= 0 ? i : Order.Length)];
}
