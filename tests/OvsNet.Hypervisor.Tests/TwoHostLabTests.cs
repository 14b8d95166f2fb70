using OvsNet.Samples.Hypervisor;
using OvsNet.TestSupport;

namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// The demo's steps as tests, on one shared two-hypervisor lab: the same proofs (packets at the router, interface
/// counters, ovs-vswitchd's trace), asserted one by one, with the evidence as the failure message.
/// </summary>
[Collection("two-host lab")]
[TestCaseOrderer(typeof(DemoProofOrderer))]
[Trait("Category", "Integration")]
public class TwoHostLabTests(TwoHostLabFixture fixture) : IClassFixture<TwoHostLabFixture>
{
    [Fact]
    public async Task Applying_each_spec_again_plans_nothing()
    {
        fixture.Require();
        foreach (DemoHost host in fixture.Hosts)
        {
            HostNetworkPlan plan = await host.Manager.PlanAsync(host.Spec, HostLab.Token());
            Assert.True(plan.IsEmpty, $"{host.Name}: {plan}");
        }
    }

    [Fact]
    public async Task Tunnel_traffic_leaves_through_tep0_and_the_tunnel_gateway()
        => await ProveAsync((log, ct) => DemoProofs.TunnelTrafficLeavesThroughTep0Async(fixture.Lab, fixture.Hosts[0], fixture.Hosts[1], log, ct));

    [Fact]
    public async Task Management_traffic_leaves_through_mgmt0_and_its_gateway()
        => await ProveAsync((log, ct) => DemoProofs.ManagementTrafficLeavesThroughMgmt0Async(fixture.Lab, fixture.Hosts[1], fixture.Hosts[0], log, ct));

    [Fact]
    public async Task Vms_reach_each_other_over_gre_between_the_tep0_addresses()
        => await ProveAsync((log, ct) => DemoProofs.VmsReachEachOtherOverGreAsync(fixture.Lab, fixture.Hosts[0], fixture.Hosts[1], log, ct));

    [Fact]
    public async Task Ovs_vswitchd_tunnels_via_tep0_only_with_the_ovs_router_entry()
        => await ProveAsync((log, ct) => DemoProofs.OvsRouterEntryIsWhatSteersTunnelsAsync(fixture.Hosts[0], fixture.Hosts[1], log, ct));

    private async Task ProveAsync(Func<ProofLog, CancellationToken, Task<bool>> proof)
    {
        fixture.Require();
        using var evidence = new StringWriter();
        using var timeout = new CancellationTokenSource(TestTimeouts.Eventually * 2);
        bool passed = await proof(new ProofLog(evidence), timeout.Token);
        Assert.True(passed, evidence.ToString());
    }
}
