using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Vswitch;

/// <summary>
/// The Open_vSwitch operations people use <c>ovs-vsctl</c> for, over an <see cref="OvsdbClient"/>: ensure and remove
/// bridges, ports and interfaces, list them, and show the tree. Each logical change is one transaction that verifies
/// the columns it read (<c>wait ... until "==" timeout 0</c>), is retried on conflict with fresh state, and by default
/// waits until ovs-vswitchd has applied it.
/// </summary>
/// <remarks>
/// Thread-safe: operations may run concurrently (each reads, plans and commits on its own). Arguments are checked
/// before anything is sent (<see cref="ArgumentException"/>).
/// </remarks>
public sealed partial class OvsVswitchClient : IAsyncDisposable
{
    private readonly bool ownsClient;
    private readonly SemaphoreSlim schemaGate = new(1, 1);
    private DatabaseSchema? schema;

    /// <summary>Initializes a new instance of the <see cref="OvsVswitchClient"/> class over a connected client, which it does not own.</summary>
    /// <param name="client">The OVSDB client (connected to a server holding the Open_vSwitch database).</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    public OvsVswitchClient(OvsdbClient client, OvsVswitchOptions? options = null)
        : this(client, options, ownsClient: false)
    {
    }

    private OvsVswitchClient(OvsdbClient client, OvsVswitchOptions? options, bool ownsClient)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new OvsVswitchOptions();
        options.Validate(nameof(options));
        this.Client = client;
        this.Options = options;
        this.ownsClient = ownsClient;
    }

    /// <summary>Gets the underlying OVSDB client.</summary>
    public OvsdbClient Client { get; }

    /// <summary>Gets the options.</summary>
    public OvsVswitchOptions Options { get; }

    /// <summary>Connects to an OVSDB server (for example <c>unix:/run/openvswitch/db.sock</c>); the result owns the connection.</summary>
    /// <param name="endpoint">The remote in OVS syntax.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The endpoint is not valid OVS syntax, or the options are invalid.</exception>
    /// <exception cref="OvsdbConnectionException">The server could not be reached.</exception>
    public static Task<OvsVswitchClient> ConnectAsync(string endpoint, OvsVswitchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(endpoint);
        return ConnectAsync(new OvsdbClientOptions { Endpoint = endpoint }, options, cancellationToken);
    }

    /// <summary>
    /// Connects to the OVSDB server named by <paramref name="clientOptions"/> with those connection options (TLS,
    /// timeouts, logging, message size, schema validation); the result owns the connection.
    /// </summary>
    /// <param name="clientOptions">The connection options; <see cref="OvsdbClientOptions.Endpoint"/> names the server.</param>
    /// <param name="options">Options; null for defaults.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The connected client.</returns>
    /// <exception cref="ArgumentException">The options are invalid.</exception>
    /// <exception cref="OvsdbConnectionException">The server could not be reached.</exception>
    public static async Task<OvsVswitchClient> ConnectAsync(OvsdbClientOptions clientOptions, OvsVswitchOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(clientOptions);
        options ??= new OvsVswitchOptions();
        options.Validate(nameof(options));
        OvsdbClient client = await OvsdbClient.ConnectAsync(clientOptions, cancellationToken).ConfigureAwait(false);
        return new OvsVswitchClient(client, options, ownsClient: true);
    }

    /// <summary>Closes the connection if this instance opened it (<c>ConnectAsync</c>).</summary>
    /// <returns>A task that completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (this.ownsClient)
        {
            await this.Client.DisposeAsync().ConfigureAwait(false);
        }

        this.schemaGate.Dispose();
    }

    /// <summary>
    /// Fetches the schema once (the waiter for ovs-vswitchd reads with it; the client caches it too, for
    /// <see cref="OvsdbClientOptions.ValidateAgainstSchema"/>).
    /// </summary>
    private async Task<DatabaseSchema> GetSchemaAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref this.schema) is { } known)
        {
            return known;
        }

        await this.schemaGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return this.schema ??= await this.Client.GetSchemaAsync(this.Options.Database, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            this.schemaGate.Release();
        }
    }

    private async Task<VswitchState> ReadStateAsync(CancellationToken cancellationToken)
    {
        await this.GetSchemaAsync(cancellationToken).ConfigureAwait(false);
        return await VswitchState.ReadAsync(this.Client, this.Options.Database, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs one logical change: read a snapshot, plan, commit with verification; on a verification failure (another
    /// writer changed what was read) start again from a fresh snapshot, up to <see cref="OvsVswitchOptions.MaxAttempts"/>.
    /// </summary>
    private async Task<EnsureResult> ChangeAsync(string operation, Action<VswitchPlan> plan, CancellationToken cancellationToken)
    {
        DatabaseSchema databaseSchema = await this.GetSchemaAsync(cancellationToken).ConfigureAwait(false);
        for (int attempt = 1; ; attempt++)
        {
            VswitchState state = await this.ReadStateAsync(cancellationToken).ConfigureAwait(false);
            var change = new VswitchPlan(state);
            plan(change);
            if (change.IsEmpty)
            {
                return new EnsureResult { Changed = false, Changes = [], Attempts = attempt };
            }

            bool wait = this.Options.WaitForVswitchd;
            OvsdbTransaction tx = change.Build(this.Client, this.Options.Database, wait, "ovsnet: " + operation, out OvsdbSelection<OpenVSwitch>? nextCfg);
            OvsdbTransactResult committed;
            try
            {
                committed = await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OvsdbTransactionException ex) when (ex.Operation == OvsdbOperationKind.Wait && ex.ErrorKind == OvsdbErrorKind.TimedOut)
            {
                if (attempt >= this.Options.MaxAttempts)
                {
                    throw new OvsConcurrencyException(operation, attempt, ex);
                }

                continue;
            }

            var result = new EnsureResult { Changed = true, Changes = change.Changes, Attempts = attempt };
            if (nextCfg is null)
            {
                return result;
            }

            long target = nextCfg.Read(committed) is [OpenVSwitch root] ? root.NextCfg
                : throw new OvsdbProtocolException($"The select of next_cfg did not return the Open_vSwitch row: {committed.Results[nextCfg.Index]}");
            result = result with { AppliedConfiguration = target };
            IReadOnlyList<InterfaceFailure> failures = await VswitchdWaiter.WaitAsync(
                this.Client, databaseSchema, this.Options.Database, target, change.TouchedInterfaces, this.Options.VswitchdTimeout, cancellationToken).ConfigureAwait(false);
            return failures.Count == 0 ? result : throw new OvsInterfaceSetupException(failures, result);
        }
    }
}
