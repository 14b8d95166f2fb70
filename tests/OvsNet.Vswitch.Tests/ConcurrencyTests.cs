
namespace OvsNet.Vswitch.Tests;

/// <summary>
/// A concurrent writer (ovs-vsctl, another client) changes the rows between OvsNet's read and its commit, injected
/// deterministically by the lab's connection, which holds back OvsNet's <c>transact</c> until the other writer has
/// committed (<see cref="Lab.BeforeCommit"/>): the verification fails, the operation re-reads and retries, and the other
/// writer's change survives.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ConcurrencyTests
{
    [Fact]
    public async Task A_port_added_by_ovs_vsctl_between_read_and_commit_survives_the_retry()
    {
        await using Lab lab = await Lab.WithBridgeAsync(interceptCommits: true);
        var attempts = new List<int>();
        lab.BeforeCommit = async (attempt, _) =>
        {
            attempts.Add(attempt);
            if (attempt == 1)
            {
                // Bridge.ports changes under OvsNet: its full-set write would drop other0 without the verify.
                await lab.Fixture.VsctlAsync("add-port", "br0", "other0", "--", "set", "Interface", "other0", "type=internal");
            }
        };

        EnsureResult result = await lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), Lab.Token());

        Assert.Equal(2, result.Attempts);
        Assert.Equal([1, 2], attempts);
        Assert.Equal(["mgmt0", "other0"], await lab.PortsAsync("br0"));
        Assert.Contains("mgmt0", lab.Fixture.LinkNames());
    }

    [Fact]
    public async Task A_bridge_external_id_set_concurrently_survives_and_the_ensure_converges()
    {
        await using Lab lab = await Lab.WithBridgeAsync(interceptCommits: true);
        lab.BeforeCommit = async (attempt, _) =>
        {
            if (attempt == 1)
            {
                await lab.Fixture.VsctlAsync("--no-wait", "set", "Bridge", "br0", "external_ids:other-writer=yes");
            }
        };

        EnsureResult result = await lab.Vswitch.EnsureBridgeAsync(
            new BridgeSpec { Name = "br0", ExternalIds = new Dictionary<string, string> { ["owner"] = "ovsnet" } }, Lab.Token());

        Assert.Equal(2, result.Attempts);
        Assert.Equal("{other-writer=yes, owner=ovsnet}", await lab.Fixture.VsctlGetAsync("Bridge", "br0", "external_ids"));
    }

    [Fact]
    public async Task A_conflict_on_every_attempt_gives_up_after_MaxAttempts_without_committing()
    {
        await using Lab lab = await Lab.StartAsync(new OvsVswitchOptions { MaxAttempts = 3, VswitchdTimeout = TestSupport.TestTimeouts.Eventually }, interceptCommits: true);
        await lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br0", DatapathType = "netdev" }, Lab.Token());
        lab.BeforeCommit = (attempt, _) => lab.Fixture.VsctlAsync(
            "--no-wait", "add-port", "br0", $"other{attempt}", "--", "set", "Interface", $"other{attempt}", "type=internal");

        OvsConcurrencyException error = await Assert.ThrowsAsync<OvsConcurrencyException>(
            () => lab.Vswitch.EnsurePortAsync("br0", InterfaceSpec.Internal("mgmt0"), Lab.Token()));

        Assert.Equal(3, error.Attempts);
        Assert.True(error.IsTransient);
        Assert.Equal(["other1", "other2", "other3"], await lab.PortsAsync("br0"));
    }
}
