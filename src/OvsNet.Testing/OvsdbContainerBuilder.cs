using System.Globalization;
using DotNet.Testcontainers.Builders;

namespace OvsNet.Testing;

/// <summary>
/// Builds an <see cref="OvsdbContainer"/>: an ovsdb-server container of the OvsNet image (see
/// <c>containers/ovsdb-server</c>), by default a standalone Open_vSwitch database on TCP with a published port.
/// </summary>
/// <example>
/// <code>
/// await using OvsdbContainer server = new OvsdbContainerBuilder().WithSchema("my.ovsschema").Build();
/// await server.StartAsync();
/// await using OvsdbClient client = await OvsdbClient.ConnectAsync(new OvsdbClientOptions { Endpoint = server.Endpoint });
/// </code>
/// </example>
public sealed class OvsdbContainerBuilder
{
    private readonly List<string> serverArguments = [];
    private readonly Dictionary<string, string> environment = new(StringComparer.Ordinal);
    private readonly List<Func<ContainerBuilder, ContainerBuilder>> customizations = [];
    private string image = OvsdbTestEnvironment.Image;
    private OvsdbServerMode mode = OvsdbServerMode.Standalone;
    private string? schemaPath;
    private string? stateDirectory;
    private string? databasePath;
    private bool hostNetwork;
    private int? hostPort;
    private bool tls;
    private string? name;

    /// <summary>Uses another image than <see cref="OvsdbTestEnvironment.Image"/> (one built from the same recipe).</summary>
    /// <param name="imageName">The image name.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithImage(string imageName)
    {
        ArgumentException.ThrowIfNullOrEmpty(imageName);
        this.image = imageName;
        return this;
    }

    /// <summary>Serves a database of the user's schema instead of the vswitch schema: the file is copied into the container.</summary>
    /// <param name="ovsschemaPath">A <c>.ovsschema</c> file on this host.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public OvsdbContainerBuilder WithSchema(string ovsschemaPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(ovsschemaPath);
        if (!File.Exists(ovsschemaPath))
        {
            throw new FileNotFoundException("The schema file does not exist.", ovsschemaPath);
        }

        this.schemaPath = Path.GetFullPath(ovsschemaPath);
        return this;
    }

    /// <summary>Listens with TLS (<c>pssl:</c>) using a generated CA, server and client certificate (<see cref="OvsdbContainer.Tls"/>).</summary>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithTls()
    {
        this.tls = true;
        return this;
    }

    /// <summary>
    /// Keeps the server's state (database, unix socket <c>db.sock</c>, unixctl <c>ovsdb-server.ctl</c>, log) in a host
    /// directory, bind-mounted at the same path: <see cref="OvsdbContainer.UnixEndpoint"/> then works from this host
    /// (the engine must run on this host).
    /// </summary>
    /// <param name="directory">An existing host directory.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithStateDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        this.stateDirectory = Path.GetFullPath(directory);
        return this;
    }

    /// <summary>Serves this database file (a path inside the container, or in the state directory); an existing file is served as it is.</summary>
    /// <param name="path">The database file.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithDatabaseFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        this.databasePath = path;
        return this;
    }

    /// <summary>
    /// Runs in the host's network namespace (the engine must run on this host), listening on 127.0.0.1:<paramref name="port"/>,
    /// or on no TCP port of its own when <paramref name="port"/> is null (remotes come from <see cref="WithServerArguments"/>).
    /// Raft members use it so their addresses stay the same across restarts.
    /// </summary>
    /// <param name="port">The TCP (or TLS) port on 127.0.0.1, or null.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithHostNetwork(int? port)
    {
        if (port is < 1 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(port), port, "A TCP port is 1-65535.");
        }

        this.hostNetwork = true;
        this.hostPort = port;
        return this;
    }

    /// <summary>Passes more arguments to ovsdb-server (remotes, options).</summary>
    /// <param name="arguments">The arguments.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithServerArguments(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        this.serverArguments.AddRange(arguments);
        return this;
    }

    /// <summary>Names the container (a unique name is chosen otherwise).</summary>
    /// <param name="containerName">The name.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithName(string containerName)
    {
        ArgumentException.ThrowIfNullOrEmpty(containerName);
        this.name = containerName;
        return this;
    }

    /// <summary>Makes this container the first member of a Raft cluster whose Raft address is <paramref name="raftAddress"/>.</summary>
    /// <param name="raftAddress">This member's Raft address, e.g. <c>tcp:127.0.0.1:6643</c>.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder AsClusterCreator(string raftAddress)
    {
        ArgumentException.ThrowIfNullOrEmpty(raftAddress);
        this.mode = OvsdbServerMode.ClusterCreate;
        this.environment["OVSDB_RAFT_LOCAL"] = raftAddress;
        return this;
    }

    /// <summary>Makes this container a member joining the Raft cluster whose members listen on <paramref name="existingMembers"/>.</summary>
    /// <param name="raftAddress">This member's Raft address.</param>
    /// <param name="existingMembers">Raft addresses of members already in the cluster.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder AsClusterJoiner(string raftAddress, IEnumerable<string> existingMembers)
    {
        ArgumentException.ThrowIfNullOrEmpty(raftAddress);
        ArgumentNullException.ThrowIfNull(existingMembers);
        string remotes = string.Join(' ', existingMembers);
        if (remotes.Length == 0)
        {
            throw new ArgumentException("Name at least one existing member.", nameof(existingMembers));
        }

        this.mode = OvsdbServerMode.ClusterJoin;
        this.environment["OVSDB_RAFT_LOCAL"] = raftAddress;
        this.environment["OVSDB_RAFT_REMOTES"] = remotes;
        return this;
    }

    /// <summary>Makes this container a relay of the database served by <paramref name="remotes"/> (OVS syntax, comma-separated).</summary>
    /// <param name="remotes">Client remotes of the cluster or server behind the relay, e.g. <c>tcp:127.0.0.1:6641,tcp:127.0.0.1:6642</c>.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder AsRelay(string remotes)
    {
        ArgumentException.ThrowIfNullOrEmpty(remotes);
        this.mode = OvsdbServerMode.Relay;
        this.environment["OVSDB_RELAY_REMOTES"] = remotes;
        return this;
    }

    /// <summary>Applies any further Testcontainers setting (the last word on the container's configuration).</summary>
    /// <param name="customize">Changes the Testcontainers builder.</param>
    /// <returns>This builder.</returns>
    public OvsdbContainerBuilder WithContainerBuilder(Func<ContainerBuilder, ContainerBuilder> customize)
    {
        ArgumentNullException.ThrowIfNull(customize);
        this.customizations.Add(customize);
        return this;
    }

    /// <summary>Builds the container (not started).</summary>
    /// <returns>The container; start it with <see cref="OvsdbContainer.StartAsync"/>.</returns>
    public OvsdbContainer Build()
    {
        string containerName = this.name ?? "ovsnet-ovsdb-" + Guid.NewGuid().ToString("N")[..12];
        string directory = this.stateDirectory ?? "/var/lib/ovsdb";
        OvsdbTlsFiles? tlsFiles = this.tls ? OvsdbTlsFiles.Create(System.IO.Directory.CreateTempSubdirectory("ovsnet-tls-").FullName) : null;
        string scheme = this.tls ? "ssl" : "tcp";
        string listen = this.tls ? "pssl" : "ptcp";

        ContainerBuilder builder = new ContainerBuilder(this.image)
            .WithName(containerName)
            .WithLabel(OvsdbTestEnvironment.Label, "true")
            .WithLabel(OvsdbTestEnvironment.OwnerLabel, ContainerEngine.OwnerId)
            .WithImagePullPolicy(_ => false)
            .WithCleanUp(true)
            .WithEnvironment("OVSDB_DIR", directory)
            .WithCommand([this.mode switch
            {
                OvsdbServerMode.ClusterCreate => "cluster-create",
                OvsdbServerMode.ClusterJoin => "cluster-join",
                OvsdbServerMode.Relay => "relay",
                _ => "standalone",
            }, "--", .. this.serverArguments])
            .WithWaitStrategy(Wait.ForUnixContainer().UntilCommandIsCompleted(
                ["/usr/local/bin/ovsdb-healthcheck"],
                o => o.WithTimeout(TimeSpan.FromSeconds(90)).WithInterval(TimeSpan.FromMilliseconds(250))));
        foreach ((string key, string value) in this.environment)
        {
            builder = builder.WithEnvironment(key, value);
        }

        if (this.stateDirectory is not null)
        {
            builder = builder.WithBindMount(this.stateDirectory, this.stateDirectory);
        }

        if (this.databasePath is not null)
        {
            builder = builder.WithEnvironment("OVSDB_DB", this.databasePath);
        }

        if (this.schemaPath is not null)
        {
            string target = "/etc/ovsdb/" + Path.GetFileName(this.schemaPath);
            builder = builder.WithResourceMapping(FilePath.Of(this.schemaPath), DirectoryPath.Of("/etc/ovsdb/")).WithEnvironment("OVSDB_SCHEMA", target);
        }

        if (tlsFiles is not null)
        {
            builder = builder
                .WithResourceMapping(FilePath.Of(tlsFiles.CaCertificatePath), DirectoryPath.Of("/etc/ovsdb/pki/"))
                .WithResourceMapping(FilePath.Of(tlsFiles.ServerCertificatePath), DirectoryPath.Of("/etc/ovsdb/pki/"))
                .WithResourceMapping(FilePath.Of(tlsFiles.ServerPrivateKeyPath), DirectoryPath.Of("/etc/ovsdb/pki/"))
                .WithEnvironment("OVSDB_SSL_CA", "/etc/ovsdb/pki/ca-cert.pem")
                .WithEnvironment("OVSDB_SSL_CERT", "/etc/ovsdb/pki/server-cert.pem")
                .WithEnvironment("OVSDB_SSL_KEY", "/etc/ovsdb/pki/server-privkey.pem");
        }

        const int ContainerPort = 6640;
        if (this.hostNetwork)
        {
            builder = builder
                .WithCreateParameterModifier(p => p.HostConfig!.NetworkMode = "host")
                .WithEnvironment("OVSDB_REMOTES", this.hostPort is int port ? string.Create(CultureInfo.InvariantCulture, $"{listen}:{port}:127.0.0.1") : string.Empty);
        }
        else
        {
            builder = builder
                .WithPortBinding(ContainerPort, assignRandomHostPort: true)
                .WithEnvironment("OVSDB_REMOTES", string.Create(CultureInfo.InvariantCulture, $"{listen}:{ContainerPort}"));
        }

        foreach (Func<ContainerBuilder, ContainerBuilder> customize in this.customizations)
        {
            builder = customize(builder);
        }

        return new OvsdbContainer(builder.Build(), containerName, this.mode, directory, this.stateDirectory is not null, scheme, this.hostNetwork ? this.hostPort : null, this.hostNetwork ? null : ContainerPort, tlsFiles);
    }
}
