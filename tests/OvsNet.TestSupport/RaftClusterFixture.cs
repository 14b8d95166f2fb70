using System.Globalization;
using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// A private 3-member Raft cluster of the vendored Open_vSwitch schema on 127.0.0.1 (<c>ovsdb-tool create-cluster</c>
/// and <c>join-cluster</c>), each member an <see cref="OvsdbServerProcess"/> in its own directory with a TCP remote on a
/// free port. Members can be killed and restarted; they are stopped by pid, never by name.
/// </summary>
/// <remarks>Use as a class fixture; tests of one class run one at a time. When the OVS tools are missing,
/// <see cref="Require"/> skips the test (fails it on CI).</remarks>
public sealed class RaftClusterFixture : IAsyncLifetime
{
    private readonly List<OvsdbServerProcess> members = [];
    private readonly List<int> clientPorts = [];
    private string? root;

    /// <summary>Gets the members, in creation order.</summary>
    public IReadOnlyList<OvsdbServerProcess> Members => this.members;

    /// <summary>Gets the TCP client remote of each member (<c>tcp:127.0.0.1:PORT</c>).</summary>
    public IReadOnlyList<string> TcpEndpoints => [.. this.clientPorts.Select(p => string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{p}"))];

    /// <summary>Gets every member's TCP remote, comma-separated (for <c>OvsdbSessionOptions.Remotes</c>).</summary>
    public string Remotes => string.Join(',', this.TcpEndpoints);

    /// <summary>Gets a value indicating whether the cluster started.</summary>
    public bool IsRunning { get; private set; }

    /// <summary>Skips (locally) or fails (on CI) when the OVS tools are missing; otherwise checks the cluster runs.</summary>
    public void Require()
    {
        Prerequisites.RequireTool("ovsdb-server");
        Prerequisites.RequireTool("ovsdb-tool");
        Prerequisites.RequireTool("ovs-appctl");
        Prerequisites.RequireTestServers();
        Assert.True(this.IsRunning, "the private Raft cluster did not start; see the logs under " + this.root);
    }

    /// <inheritdoc/>
    public async ValueTask InitializeAsync()
    {
        TestTier.RequireIntegration("a private Raft cluster");
        if (Prerequisites.FindTool("ovsdb-server") is null || Prerequisites.FindTool("ovsdb-tool") is null || Prerequisites.FindTool("ovs-appctl") is null || !Prerequisites.TestServersAvailable)
        {
            return;
        }

        this.root = Directory.CreateTempSubdirectory("ovsnet-raft-").FullName;
        var raftRemotes = new List<string>();
        for (int i = 0; i < 3; i++)
        {
            string directory = Directory.CreateDirectory(Path.Combine(this.root, "s" + (i + 1).ToString(CultureInfo.InvariantCulture))).FullName;
            string db = Path.Combine(directory, "db");
            string raft = string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{OvsdbServerProcess.FindFreePort()}");
            if (i == 0)
            {
                await ProcessRunner.RunCheckedAsync("ovsdb-tool", ["create-cluster", db, OvsdbServerProcess.VswitchSchemaPath, raft]);
            }
            else
            {
                await ProcessRunner.RunCheckedAsync("ovsdb-tool", ["join-cluster", db, "Open_vSwitch", raft, .. raftRemotes]);
            }

            raftRemotes.Add(raft);
            int port = OvsdbServerProcess.FindFreePort();
            this.clientPorts.Add(port);
            this.members.Add(new OvsdbServerProcess(directory, db, [string.Create(CultureInfo.InvariantCulture, $"--remote=ptcp:{port}:127.0.0.1")]));
        }

        foreach (OvsdbServerProcess member in this.members)
        {
            await member.StartAsync();
        }

        await this.WaitForLeaderAsync();
        foreach (OvsdbServerProcess member in this.members)
        {
            await WaitUntilAsync(async () => (await member.AppctlAsync("cluster/status", "Open_vSwitch")).Contains("Status: cluster member", StringComparison.Ordinal));
        }

        this.IsRunning = true;
    }

    /// <summary>Returns the index of the current leader among the running members (from <c>cluster/status</c>), or -1.</summary>
    public async Task<int> FindLeaderAsync()
    {
        for (int i = 0; i < this.members.Count; i++)
        {
            if (this.members[i].Pid is null)
            {
                continue;
            }

            try
            {
                string status = await this.members[i].AppctlAsync("cluster/status", "Open_vSwitch");
                if (status.Contains("Role: leader", StringComparison.Ordinal))
                {
                    return i;
                }
            }
            catch (InvalidOperationException)
            {
                // Not answering right now.
            }
        }

        return -1;
    }

    /// <summary>Waits until a running member is leader and returns its index.</summary>
    public async Task<int> WaitForLeaderAsync()
    {
        int leader = -1;
        await WaitUntilAsync(async () => (leader = await this.FindLeaderAsync()) >= 0);
        return leader;
    }

    /// <summary>Restarts every member that was killed and waits until all of them are back in the cluster.</summary>
    public async Task HealAsync()
    {
        foreach (OvsdbServerProcess member in this.members.Where(m => m.Pid is null))
        {
            await member.StartAsync();
        }

        await this.WaitForHealthyAsync();
    }

    /// <summary>
    /// Waits until there is a leader and every running member knows it (<c>cluster/status</c> shows a cluster member
    /// with a known leader): a member restarted a moment ago reports itself not connected in <c>_Server</c> until then,
    /// and a session skips it.
    /// </summary>
    public async Task WaitForHealthyAsync()
    {
        await this.WaitForLeaderAsync();
        await WaitUntilAsync(async () =>
        {
            foreach (OvsdbServerProcess member in this.members.Where(m => m.Pid is not null))
            {
                try
                {
                    string status = await member.AppctlAsync("cluster/status", "Open_vSwitch");
                    if (!status.Contains("Status: cluster member", StringComparison.Ordinal)
                        || status.Contains("Leader: unknown", StringComparison.Ordinal)
                        || !(status.Contains("Role: leader", StringComparison.Ordinal) || status.Contains("Role: follower", StringComparison.Ordinal)))
                    {
                        return false;
                    }
                }
                catch (InvalidOperationException)
                {
                    return false;
                }
            }

            return true;
        });
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (OvsdbServerProcess member in this.members)
        {
            await member.DisposeAsync();
        }

        this.IsRunning = false;
        if (this.root is not null && Environment.GetEnvironmentVariable("OVSNET_KEEP_TEST_DIRS") is null)
        {
            TestDirectories.Delete(this.root);
        }
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Eventually);
        while (!await condition())
        {
            await Task.Delay(100, timeout.Token);
        }
    }
}
