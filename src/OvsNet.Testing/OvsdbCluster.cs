using System.Globalization;

namespace OvsNet.Testing;

/// <summary>
/// A Raft cluster of ovsdb-server containers (3 members by default) on 127.0.0.1, optionally with relays in front of
/// it. Members run in the host's network namespace so their Raft and client addresses survive a restart (the engine
/// must run on this host). A member can be killed (SIGKILL), paused and started again to test failover.
/// </summary>
/// <example>
/// <code>
/// await using var cluster = new OvsdbCluster();
/// await cluster.StartAsync();
/// var options = new OvsdbSessionOptions { Remotes = cluster.Remotes };
/// await cluster.KillAsync(await cluster.WaitForLeaderAsync());
/// </code>
/// </example>
public sealed class OvsdbCluster : IAsyncDisposable
{
    private readonly int memberCount;
    private readonly string? schemaPath;
    private readonly List<OvsdbContainer> members = [];
    private readonly List<OvsdbContainer> relays = [];
    private readonly List<int> clientPorts = [];
    private readonly List<int> relayPorts = [];

    /// <summary>Initializes a new instance of the <see cref="OvsdbCluster"/> class (not started).</summary>
    /// <param name="members">How many members (1-7; 3 by default).</param>
    /// <param name="schemaPath">The user's <c>.ovsschema</c>, or null for the vswitch schema.</param>
    public OvsdbCluster(int members = 3, string? schemaPath = null)
    {
        if (members is < 1 or > 7)
        {
            throw new ArgumentOutOfRangeException(nameof(members), members, "A cluster has 1 to 7 members.");
        }

        this.memberCount = members;
        this.schemaPath = schemaPath;
    }

    /// <summary>Gets the database name the cluster serves (the schema's name).</summary>
    public string DatabaseName { get; private set; } = "Open_vSwitch";

    /// <summary>Gets the members, in creation order (the first created the cluster).</summary>
    public IReadOnlyList<OvsdbContainer> Members => this.members;

    /// <summary>Gets the relays added with <see cref="AddRelayAsync"/>.</summary>
    public IReadOnlyList<OvsdbContainer> Relays => this.relays;

    /// <summary>Gets each member's client endpoint (<c>tcp:127.0.0.1:PORT</c>).</summary>
    public IReadOnlyList<string> Endpoints => [.. this.clientPorts.Select(Tcp)];

    /// <summary>Gets every member's endpoint, comma-separated (for <c>OvsdbSessionOptions.Remotes</c>).</summary>
    public string Remotes => string.Join(',', this.Endpoints);

    /// <summary>Gets every relay's endpoint, comma-separated.</summary>
    public string RelayRemotes => string.Join(',', this.relayPorts.Select(Tcp));

    /// <summary>Creates the members one by one (each joins the cluster before the next starts) and waits for a leader.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when every member is in the cluster.</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (this.members.Count > 0)
        {
            throw new InvalidOperationException("The cluster was started already.");
        }

        var raftAddresses = new List<string>();
        for (int i = 0; i < this.memberCount; i++)
        {
            string raft = Tcp(FreePorts.Next());
            int port = FreePorts.Next();
            var builder = new OvsdbContainerBuilder().WithHostNetwork(port);
            if (this.schemaPath is not null)
            {
                builder = builder.WithSchema(this.schemaPath);
            }

            builder = i == 0 ? builder.AsClusterCreator(raft) : builder.AsClusterJoiner(raft, raftAddresses);
            OvsdbContainer member = builder.Build();
            this.members.Add(member);
            this.clientPorts.Add(port);
            await member.StartAsync(cancellationToken).ConfigureAwait(false);
            raftAddresses.Add(raft);
            if (i == 0)
            {
                this.DatabaseName = (await member.ExecAsync("ovsdb-client", "list-dbs", "unix:" + member.StateDirectory + "/db.sock").ConfigureAwait(false))
                    .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .First(n => n != "_Server");
            }
        }

        await this.WaitForLeaderAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds a relay of the cluster's database (a container in relay mode connected to every member) and starts it.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The relay; its <see cref="OvsdbContainer.Endpoint"/> serves clients.</returns>
    public async Task<OvsdbContainer> AddRelayAsync(CancellationToken cancellationToken = default)
    {
        int port = FreePorts.Next();
        var builder = new OvsdbContainerBuilder().WithHostNetwork(port).AsRelay(this.Remotes);
        if (this.schemaPath is not null)
        {
            builder = builder.WithSchema(this.schemaPath);
        }

        OvsdbContainer relay = builder.Build();
        this.relays.Add(relay);
        this.relayPorts.Add(port);
        await relay.StartAsync(cancellationToken).ConfigureAwait(false);
        return relay;
    }

    /// <summary>Returns the index of the member that reports itself leader (<c>cluster/status</c>), or -1.</summary>
    /// <returns>The index, or -1.</returns>
    public async Task<int> FindLeaderAsync()
    {
        for (int i = 0; i < this.members.Count; i++)
        {
            if ((await this.StatusAsync(i).ConfigureAwait(false)).Contains("Role: leader", StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Waits until a running member is leader and every running member knows it; returns the leader's index.</summary>
    /// <param name="cancellationToken">Cancels the wait (it also gives up after two minutes).</param>
    /// <returns>The leader's index.</returns>
    public async Task<int> WaitForLeaderAsync(CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        while (true)
        {
            int leader = await this.FindLeaderAsync().ConfigureAwait(false);
            if (leader >= 0 && await this.AllRunningMembersKnowTheLeaderAsync().ConfigureAwait(false))
            {
                return leader;
            }

            await Task.Delay(200, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Kills member <paramref name="index"/>'s container (SIGKILL).</summary>
    /// <param name="index">The member.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the container has exited.</returns>
    public Task KillAsync(int index, CancellationToken cancellationToken = default) => this.members[index].KillAsync(cancellationToken);

    /// <summary>Pauses member <paramref name="index"/>'s container.</summary>
    /// <param name="index">The member.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the container is frozen.</returns>
    public Task PauseAsync(int index, CancellationToken cancellationToken = default) => this.members[index].PauseAsync(cancellationToken);

    /// <summary>Resumes member <paramref name="index"/>'s paused container.</summary>
    /// <param name="index">The member.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the container runs again.</returns>
    public Task UnpauseAsync(int index, CancellationToken cancellationToken = default) => this.members[index].UnpauseAsync(cancellationToken);

    /// <summary>Starts a killed or stopped member again (on its database: it rejoins as the same server) and waits until it knows the leader.</summary>
    /// <param name="index">The member.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the member is back in the cluster.</returns>
    public async Task RestartAsync(int index, CancellationToken cancellationToken = default)
    {
        await this.members[index].StartAsync(cancellationToken).ConfigureAwait(false);
        await this.WaitForLeaderAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns member <paramref name="index"/>'s <c>cluster/status</c> text, or empty when it does not answer.</summary>
    /// <param name="index">The member.</param>
    /// <returns>The status text.</returns>
    public async Task<string> StatusAsync(int index)
    {
        OvsdbContainer member = this.members[index];
        if (!member.IsRunning)
        {
            return string.Empty;
        }

        try
        {
            return await member.AppctlAsync("cluster/status", this.DatabaseName).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return string.Empty;
        }
    }

    /// <summary>Removes the relays and the members.</summary>
    /// <returns>A task that completes when every container is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        foreach (OvsdbContainer container in this.relays.Concat(this.members))
        {
            await container.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Tcp(int port) => string.Create(CultureInfo.InvariantCulture, $"tcp:127.0.0.1:{port}");

    private async Task<bool> AllRunningMembersKnowTheLeaderAsync()
    {
        for (int i = 0; i < this.members.Count; i++)
        {
            if (!this.members[i].IsRunning)
            {
                continue;
            }

            string status = await this.StatusAsync(i).ConfigureAwait(false);
            if (!status.Contains("Status: cluster member", StringComparison.Ordinal) || status.Contains("Leader: unknown", StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
