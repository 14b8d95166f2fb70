using Microsoft.Extensions.Logging;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Hypervisor;

/// <summary>
/// Keeps a <see cref="HostNetworkSpec"/> applied: each pass is a <see cref="HostNetworkManager.ApplyAsync"/> (which
/// changes only what drifted, and rolls back a pass that fails), every <see cref="HostNetworkReconcilerOptions.Interval"/>
/// once converged and every <see cref="HostNetworkReconcilerOptions.RetryDelay"/> after a failure. The connections
/// (ovsdb-server, netlink in the namespace, ovs-vswitchd's control socket) are opened by the first pass and opened
/// again after a failed one, so the reconciler follows restarts of ovsdb-server and ovs-vswitchd. A pass that changes
/// something after the host had first converged is a repair: counted (<c>ovsnet.host.repairs</c>) and logged as a warning.
/// </summary>
/// <remarks>Thread-safe: passes never overlap; <see cref="Status"/> may be read from any thread.</remarks>
public sealed class HostNetworkReconciler : IAsyncDisposable
{
    private readonly HostNetworkReconcilerOptions options;
    private readonly ILogger logger;
    private readonly SemaphoreSlim passGate = new(1, 1);
    private HostNetworkReconcilerStatus status = new();
    private OvsVswitchClient? vswitch;
    private RtNetlinkClient? netlink;
    private OvsUnixctlClient? control;
    private HostNetworkManager? manager;
    private int disposed;

    /// <summary>Initializes a new instance of the <see cref="HostNetworkReconciler"/> class; nothing connects until the first pass.</summary>
    /// <param name="options">What to keep applied, and where.</param>
    /// <exception cref="ArgumentException">The options or the spec are invalid.</exception>
    public HostNetworkReconciler(HostNetworkReconcilerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        this.options = options;
        this.logger = options.Host.LoggerFactory.CreateLogger("OvsNet.Hypervisor.HostNetworkReconciler");
    }

    /// <summary>Gets the options.</summary>
    public HostNetworkReconcilerOptions Options => this.options;

    /// <summary>Gets the status after the latest pass.</summary>
    public HostNetworkReconcilerStatus Status => Volatile.Read(ref this.status);

    /// <summary>Runs passes until <paramref name="cancellationToken"/> is cancelled; a failed pass is logged, recorded in <see cref="Status"/> and retried.</summary>
    /// <param name="cancellationToken">Stops the loop.</param>
    /// <returns>A task that completes when the loop has stopped.</returns>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan delay = this.options.Interval;
            try
            {
                await this.ReconcileAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not ObjectDisposedException)
            {
                delay = this.options.RetryDelay < this.options.Interval ? this.options.RetryDelay : this.options.Interval;
                LogMessages.ReconcileFailed(this.logger, delay, ex);
            }

            try
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Runs one pass now: connects if needed and applies the spec.</summary>
    /// <param name="cancellationToken">Cancels the pass (an apply cancelled halfway is rolled back).</param>
    /// <returns>The apply's result.</returns>
    /// <exception cref="HostNetworkException">The apply failed and was rolled back.</exception>
    /// <exception cref="Exception">Anything <see cref="HostNetworkManager.ApplyAsync"/> or connecting throws; the connections are then closed, to be opened again by the next pass.</exception>
    public async Task<HostNetworkResult> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref this.disposed) != 0, this);
        await this.passGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            HostNetworkReconcilerStatus before = this.Status;
            HostNetworkResult result;
            try
            {
                HostNetworkManager current = this.manager ?? await this.ConnectAsync(cancellationToken).ConfigureAwait(false);
                result = await current.ApplyAsync(this.options.Spec, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                await this.CloseAsync().ConfigureAwait(false);
                if (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    Volatile.Write(ref this.status, before with { Passes = before.Passes + 1, LastPassAt = DateTimeOffset.UtcNow, LastError = ex });
                }

                throw;
            }

            bool repair = result.Changed && before.LastSuccessAt is not null;
            if (repair)
            {
                LogMessages.Repaired(this.logger, this.options.Spec.Bridge.Name, result.ToString().ReplaceLineEndings("; "));
                HostTelemetry.Repairs.Add(1);
            }

            DateTimeOffset now = DateTimeOffset.UtcNow;
            Volatile.Write(ref this.status, before with
            {
                Passes = before.Passes + 1,
                Repairs = before.Repairs + (repair ? 1 : 0),
                LastPassAt = now,
                LastSuccessAt = now,
                LastResult = result,
                LastError = null,
            });
            return result;
        }
        finally
        {
            this.passGate.Release();
        }
    }

    /// <summary>Closes the connections. The host network stays as the last pass left it.</summary>
    /// <returns>A task that completes when closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) != 0)
        {
            return;
        }

        await this.passGate.WaitAsync().ConfigureAwait(false);
        try
        {
            await this.CloseAsync().ConfigureAwait(false);
        }
        finally
        {
            this.passGate.Release();
        }
    }

    private async Task<HostNetworkManager> ConnectAsync(CancellationToken cancellationToken)
    {
        ILoggerFactory loggerFactory = this.options.Host.LoggerFactory;
        try
        {
            this.vswitch = await OvsVswitchClient.ConnectAsync(
                new OvsdbClientOptions { Endpoint = this.options.VswitchRemote, LoggerFactory = loggerFactory },
                new OvsVswitchOptions { LoggerFactory = loggerFactory },
                cancellationToken).ConfigureAwait(false);
            this.netlink = await RtNetlinkClient.OpenAsync(
                new RtNetlinkClientOptions { NetworkNamespace = this.options.NetworkNamespace, Logger = loggerFactory.CreateLogger("OvsNet.Routing") },
                cancellationToken).ConfigureAwait(false);
            if (this.options.VswitchdControl is { } controlPath)
            {
                this.control = await OvsUnixctlClient.ConnectAsync(OvsUnixctlClient.ResolveSocketPath(controlPath), loggerFactory, cancellationToken).ConfigureAwait(false);
            }

            this.manager = new HostNetworkManager(this.vswitch, this.netlink, this.control, this.options.Host);
            return this.manager;
        }
        catch
        {
            await this.CloseAsync().ConfigureAwait(false);
            throw;
        }
    }

    private async Task CloseAsync()
    {
        this.manager = null;
        if (this.control is not null)
        {
            await this.control.DisposeAsync().ConfigureAwait(false);
            this.control = null;
        }

        if (this.netlink is not null)
        {
            await this.netlink.DisposeAsync().ConfigureAwait(false);
            this.netlink = null;
        }

        if (this.vswitch is not null)
        {
            await this.vswitch.DisposeAsync().ConfigureAwait(false);
            this.vswitch = null;
        }
    }
}
