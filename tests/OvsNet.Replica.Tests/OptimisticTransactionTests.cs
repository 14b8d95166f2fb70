using System.Globalization;
using OvsNet.Protocol;
using OvsNet.TestSupport;
using OvsNet.Vswitch;

namespace OvsNet.Replica.Tests;

[Trait("Category", "Integration")]
public sealed class OptimisticTransactionTests(OvsdbServerFixture server) : IClassFixture<OvsdbServerFixture>
{
    [Fact]
    public async Task A_conflicting_write_between_read_and_commit_reruns_the_function_and_converges()
    {
        server.Require();
        await server.VsctlAsync("--no-wait", "set", "Open_vSwitch", ".", "external_ids:counter=1");
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns());
        await using (client)
        await using (replica)
        {
            var readValues = new List<long>();
            OvsdbReplicaCommit commit = await replica.TransactAsync(async (view, tx) =>
            {
                OpenVSwitch root = Assert.Single(view.All<OpenVSwitch>());
                long counter = long.Parse(root.ExternalIds["counter"], CultureInfo.InvariantCulture);
                readValues.Add(counter);
                if (readValues.Count == 1)
                {
                    // The hook: an independent writer changes what was read, after the read and before the commit.
                    await server.VsctlAsync("--no-wait", "set", "Open_vSwitch", ".", "external_ids:counter=100");
                }

                tx.Mutate("Open_vSwitch", [], [
                    new OvsdbMutation("external_ids", Mutator.Delete, OvsdbSet.Of("counter")),
                    new OvsdbMutation("external_ids", Mutator.Insert, new OvsdbMap([new("counter", (counter + 1).ToString(CultureInfo.InvariantCulture))])),
                ]);
            }, maxAttempts: 3, TestTimeouts.CallToken());

            Assert.Equal([1L, 100L], readValues);
            Assert.Equal(2, commit.Attempts);
            Assert.NotNull(commit.Result);
            Assert.Single(commit.Result.Results);  // the verifying waits are not in the caller's results
            Assert.Equal("101", Assert.Single(replica.Current.Table<OpenVSwitch>().All).ExternalIds["counter"]);
            string witness = await server.VsctlAsync("get", "Open_vSwitch", ".", "external_ids:counter");
            Assert.Equal("\"101\"", witness.Trim());
        }
    }

    [Fact]
    public async Task An_index_lookup_that_found_nothing_is_verified_too()
    {
        server.Require();
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns());
        await using (client)
        await using (replica)
        {
            int runs = 0;
            OvsdbReplicaCommit commit = await replica.TransactAsync(async (view, tx) =>
            {
                runs++;
                if (view.Find<Bridge>("name", "optbr") is not null)
                {
                    return;  // someone else created it: nothing to do
                }

                await server.VsctlAsync("--no-wait", "add-br", "optbr", "--", "set", "Bridge", "optbr", "external_ids:by=vsctl");
                OvsdbNamedUuid bridge = tx.Insert("Bridge", new OvsdbRow([new("name", "optbr")]));
                tx.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(bridge))]);
            }, maxAttempts: 3, TestTimeouts.CallToken());

            Assert.Equal(2, runs);
            Assert.Null(commit.Result);
            Bridge only = Assert.Single(replica.Current.Table<Bridge>().Lookup("name", "optbr"));
            Assert.Equal("vsctl", only.ExternalIds["by"]);
        }
    }

    [Fact]
    public async Task When_every_attempt_conflicts_the_budget_ends_with_a_typed_exception()
    {
        server.Require();
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns());
        await using (client)
        await using (replica)
        {
            int runs = 0;
            OvsdbReplicaConflictException ex = await Assert.ThrowsAsync<OvsdbReplicaConflictException>(() => replica.TransactAsync(async (view, tx) =>
            {
                OpenVSwitch root = Assert.Single(view.All<OpenVSwitch>());
                _ = view.Get<OpenVSwitch>(root.Uuid, OpenVSwitch.Columns.ExternalIds);
                await server.VsctlAsync("--no-wait", "set", "Open_vSwitch", ".", $"external_ids:always={++runs}");
                tx.Mutate("Open_vSwitch", [], [new OvsdbMutation("external_ids", Mutator.Insert, new OvsdbMap([new("never", "written")]))]);
            }, maxAttempts: 3, TestTimeouts.CallToken()));

            Assert.Equal(3, ex.Attempts);
            Assert.Equal(3, runs);
            OvsdbTransactionException inner = Assert.IsType<OvsdbTransactionException>(ex.InnerException);
            Assert.Equal(OvsdbErrorKind.TimedOut, inner.ErrorKind);
            Assert.Equal(OvsdbOperationKind.Wait, inner.Operation);
            Assert.False(Assert.Single(replica.Current.Table<OpenVSwitch>().All).ExternalIds.ContainsKey("never"));
        }
    }

    [Fact]
    public async Task A_failing_operation_of_the_function_is_reported_at_its_own_index()
    {
        server.Require();
        (OvsdbClient client, OvsdbReplica replica) = await ReplicaTestKit.StartAsync(server, ReplicaTestKit.AllColumns());
        await using (client)
        await using (replica)
        {
            OvsdbTransactionException ex = await Assert.ThrowsAsync<OvsdbTransactionException>(() => replica.TransactAsync((view, tx) =>
            {
                _ = view.All<OpenVSwitch>();
                tx.Comment("first");
                tx.Wait("Bridge", [OvsdbCondition.Equal("name", "never-there")], [new OvsdbRow([new("external_ids", new OvsdbMap([new("x", "y")]))])], WaitUntil.Equal, TimeSpan.Zero);
                return Task.CompletedTask;
            }, maxAttempts: 1, TestTimeouts.CallToken()));
            Assert.Equal(1, ex.FailedIndex);
        }
    }
}
