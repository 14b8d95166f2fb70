using OvsNet.TestSupport;

namespace OvsNet.Vswitch.Tests;

/// <summary>A <see cref="VswitchdFixture"/> with an <see cref="OvsVswitchClient"/> connected to it.</summary>
internal sealed class Lab : IAsyncDisposable
{
    /// <summary>The start of the comment OvsNet.Vswitch adds to every transaction it commits, as it appears in the JSON.</summary>
    private const string CommitMarker = "\"ovsnet: ";

    private readonly OvsdbClient? ownedClient;
    private Func<int, CancellationToken, Task>? beforeCommit;
    private int commits;

    private Lab(VswitchdFixture fixture, OvsVswitchClient vswitch, OvsdbClient? ownedClient)
    {
        this.Fixture = fixture;
        this.Vswitch = vswitch;
        this.ownedClient = ownedClient;
    }

    public VswitchdFixture Fixture { get; }

    public OvsVswitchClient Vswitch { get; }

    /// <summary>
    /// Gets or sets what runs after OvsNet has read and planned a change and before the server receives its commit,
    /// with the number of commits since it was set (1, 2, ...). Only for a lab started with <c>interceptCommits</c>:
    /// its connection holds back the write of each <c>transact</c> carrying the OvsNet comment until this has finished.
    /// </summary>
    public Func<int, CancellationToken, Task>? BeforeCommit
    {
        get => this.beforeCommit;
        set
        {
            if (this.ownedClient is null)
            {
                throw new InvalidOperationException("Start the lab with interceptCommits: true.");
            }

            Volatile.Write(ref this.commits, 0);
            this.beforeCommit = value;
        }
    }

    public static async Task<Lab> StartAsync(OvsVswitchOptions? options = null, bool interceptCommits = false)
    {
        VswitchdFixture fixture = await VswitchdFixture.StartAsync();
        options ??= new OvsVswitchOptions { VswitchdTimeout = TestTimeouts.Eventually };
        try
        {
            if (!interceptCommits)
            {
                return new Lab(fixture, await OvsVswitchClient.ConnectAsync(fixture.Endpoint, options, TestTimeouts.CallToken()), null);
            }

            Lab? lab = null;
            WriteInterceptingStream stream = await WriteInterceptingStream.ConnectUnixAsync(
                fixture.Endpoint, CommitMarker, (_, ct) => lab!.OnCommitAsync(ct), TestTimeouts.CallToken());
            OvsdbClient client = OvsdbClient.Create(stream);
            lab = new Lab(fixture, new OvsVswitchClient(client, options), client);
            return lab;
        }
        catch
        {
            await fixture.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts a lab with bridge br0 (netdev datapath) already ensured.</summary>
    public static async Task<Lab> WithBridgeAsync(string bridge = "br0", bool interceptCommits = false)
    {
        Lab lab = await StartAsync(interceptCommits: interceptCommits);
        await lab.Vswitch.EnsureBridgeAsync(new BridgeSpec { Name = bridge, DatapathType = "netdev" }, Token());
        return lab;
    }

    public static CancellationToken Token() => new CancellationTokenSource(TestTimeouts.Eventually + TestTimeouts.Call).Token;

    public async Task<string[]> PortsAsync(string bridge)
        => (await this.Fixture.VsctlAsync("--no-wait", "list-ports", bridge)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public async Task<long> NextCfgAsync() => long.Parse(await this.Fixture.VsctlGetAsync("Open_vSwitch", ".", "next_cfg"), System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await this.Vswitch.DisposeAsync();
        if (this.ownedClient is not null)
        {
            await this.ownedClient.DisposeAsync();
        }

        await this.Fixture.DisposeAsync();
    }

    private Task OnCommitAsync(CancellationToken cancellationToken)
        => this.beforeCommit is { } hook ? hook(Interlocked.Increment(ref this.commits), cancellationToken) : Task.CompletedTask;
}
