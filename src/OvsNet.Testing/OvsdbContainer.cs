using System.Globalization;
using System.Text;
using DotNet.Testcontainers.Containers;

namespace OvsNet.Testing;

/// <summary>
/// An ovsdb-server in a container (built by <see cref="OvsdbContainerBuilder"/>): start it, hand <see cref="Endpoint"/>
/// to <c>OvsdbClient</c> or <c>OvsdbSession</c>, and dispose it to remove the container. It can be killed (SIGKILL),
/// stopped, paused and started again on the same database. Every container is labelled
/// (<see cref="OvsdbTestEnvironment.Label"/>); containers of a test run that was killed are removed when the next run
/// starts its first container.
/// </summary>
public sealed class OvsdbContainer : IAsyncDisposable
{
    private readonly IContainer container;
    private readonly string scheme;
    private readonly int? hostPort;
    private readonly int? containerPort;
    private readonly bool stateOnHost;
    private bool running;

    internal OvsdbContainer(IContainer container, string name, OvsdbServerMode mode, string stateDirectory, bool stateOnHost, string scheme, int? hostPort, int? containerPort, OvsdbTlsFiles? tls)
    {
        this.container = container;
        this.Name = name;
        this.Mode = mode;
        this.StateDirectory = stateDirectory;
        this.stateOnHost = stateOnHost;
        this.scheme = scheme;
        this.hostPort = hostPort;
        this.containerPort = containerPort;
        this.Tls = tls;
    }

    /// <summary>Gets what the server serves.</summary>
    public OvsdbServerMode Mode { get; }

    /// <summary>Gets the server's state directory inside the container (the same path on this host when bind-mounted).</summary>
    public string StateDirectory { get; }

    /// <summary>Gets the generated CA and certificates when the server listens with TLS, otherwise null.</summary>
    public OvsdbTlsFiles? Tls { get; }

    /// <summary>Gets the container's name.</summary>
    public string Name { get; }

    /// <summary>Gets the container's id (after start).</summary>
    public string Id => this.container.Id;

    /// <summary>Gets a value indicating whether the container runs (not killed, stopped or paused).</summary>
    public bool IsRunning => this.running;

    /// <summary>
    /// Gets the endpoint in OVS syntax for OvsNet (<c>tcp:127.0.0.1:PORT</c>, or <c>ssl:...</c> with <see cref="OvsdbContainerBuilder.WithTls"/>).
    /// A published port can change when the container is started again: read it after each start.
    /// </summary>
    /// <exception cref="InvalidOperationException">The container listens on no TCP port of its own.</exception>
    public string Endpoint
    {
        get
        {
            if (this.hostPort is int port)
            {
                return string.Create(CultureInfo.InvariantCulture, $"{this.scheme}:127.0.0.1:{port}");
            }

            if (this.containerPort is int inner)
            {
                string host = ContainerEngine.IsLocal ? "127.0.0.1" : this.container.Hostname;
                return string.Create(CultureInfo.InvariantCulture, $"{this.scheme}:{host}:{this.container.GetMappedPublicPort(inner)}");
            }

            throw new InvalidOperationException("This container listens on no TCP port of its own (WithHostNetwork(null)).");
        }
    }

    /// <summary>Gets the unix socket endpoint on this host (<c>unix:DIR/db.sock</c>), or null when the state directory is not on this host.</summary>
    public string? UnixEndpoint => this.stateOnHost ? "unix:" + Path.Combine(this.StateDirectory, "db.sock") : null;

    /// <summary>Starts the container (again, after a kill or stop: the database is kept) and waits until the server is healthy.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the server answers (and, for a Raft member, knows its leader).</returns>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await ContainerEngine.EnsureSweptAsync().ConfigureAwait(false);
        await this.container.StartAsync(cancellationToken).ConfigureAwait(false);
        this.running = true;
    }

    /// <summary>Kills the container's server with SIGKILL (no clean shutdown) and waits until the container has exited.</summary>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task that completes when the container is no longer running.</returns>
    public Task KillAsync(CancellationToken cancellationToken = default)
    {
        this.running = false;
        return ContainerEngine.KillAsync(this.container.Id, cancellationToken);
    }

    /// <summary>Stops the container (SIGTERM, then SIGKILL after the engine's grace period).</summary>
    /// <param name="cancellationToken">Cancels the stop.</param>
    /// <returns>A task that completes when the container has stopped.</returns>
    public Task StopAsync(CancellationToken cancellationToken = default)
    {
        this.running = false;
        return this.container.StopAsync(cancellationToken);
    }

    /// <summary>Freezes the container (its server stops answering but keeps its connections open).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the container is paused.</returns>
    public Task PauseAsync(CancellationToken cancellationToken = default)
    {
        this.running = false;
        return this.container.PauseAsync(cancellationToken);
    }

    /// <summary>Resumes a paused container.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the container runs again.</returns>
    public async Task UnpauseAsync(CancellationToken cancellationToken = default)
    {
        await this.container.UnpauseAsync(cancellationToken).ConfigureAwait(false);
        this.running = true;
    }

    /// <summary>Returns the host pid of the server (the container's main process), or null when it does not run.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The pid, or null.</returns>
    public Task<int?> GetPidAsync(CancellationToken cancellationToken = default) => ContainerEngine.GetPidAsync(this.container.Id, cancellationToken);

    /// <summary>Runs a command in the container and returns its standard output; throws with its output when it fails.</summary>
    /// <param name="command">The command and its arguments.</param>
    /// <returns>Standard output.</returns>
    /// <exception cref="InvalidOperationException">The command exited with a non-zero code.</exception>
    public async Task<string> ExecAsync(params string[] command)
    {
        ExecResult result = await this.container.ExecAsync(command).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', command)}' in {this.Name} exited with {result.ExitCode}: {result.Stderr}{result.Stdout}");
        }

        return result.Stdout;
    }

    /// <summary>Runs <c>ovs-appctl -t STATE/ovsdb-server.ctl ARGS</c> in the container (e.g. <c>cluster/status Open_vSwitch</c>).</summary>
    /// <param name="arguments">The ovs-appctl command and its arguments.</param>
    /// <returns>Its standard output.</returns>
    public Task<string> AppctlAsync(params string[] arguments)
        => this.ExecAsync(["ovs-appctl", "-t", this.StateDirectory + "/ovsdb-server.ctl", .. arguments]);

    /// <summary>Reads the server's log file (empty when there is none yet).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The log text.</returns>
    public async Task<string> ReadLogAsync(CancellationToken cancellationToken = default)
    {
        string path = this.StateDirectory + "/ovsdb-server.log";
        if (this.stateOnHost)
        {
            return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : string.Empty;
        }

        try
        {
            return Encoding.UTF8.GetString(await this.container.ReadFileAsync(path, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return string.Empty;
        }
    }

    /// <summary>Removes the container (and the generated certificates).</summary>
    /// <returns>A task that completes when the container is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        this.running = false;
        string? id = this.container.State == TestcontainersStates.Undefined ? null : this.container.Id;
        if (id is not null)
        {
            // Removed by id first (SIGKILL included): Testcontainers' own removal is not relied on for a container
            // that was killed behind its back.
            await ContainerEngine.RemoveAsync(id).ConfigureAwait(false);
        }

        try
        {
            await this.container.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The container is gone already; what is left is Testcontainers' bookkeeping.
        }

        if (this.Tls is not null)
        {
            try
            {
                Directory.Delete(this.Tls.Directory, recursive: true);
            }
            catch (IOException)
            {
                // Temp files; the next temp cleanup takes them.
            }
        }
    }
}
