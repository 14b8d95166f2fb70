using Microsoft.Extensions.Logging.Abstractions;
using OvsNet.Hypervisor;
using OvsNet.Routing;
using OvsNet.Vswitch;

namespace OvsNet.Tool;

/// <summary>The global options of a command, and the connections built from them.</summary>
internal sealed record ToolContext
{
    /// <summary>The default Open_vSwitch database socket of a packaged install.</summary>
    public const string DefaultDb = "unix:/var/run/openvswitch/db.sock";

    public required string Db { get; init; }

    public string? NetworkNamespace { get; init; }

    public required string Vswitchd { get; init; }

    public required bool Json { get; init; }

    public required string Iproute2Directory { get; init; }

    public required bool TakeOverDefaultRoute { get; init; }

    public required bool AdoptExisting { get; init; }

    public required string StateDirectory { get; init; }

    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    public HostNetworkOptions HostOptions => new()
    {
        Iproute2Directory = this.Iproute2Directory,
        TakeOverDefaultRoute = this.TakeOverDefaultRoute,
        AdoptExisting = this.AdoptExisting,
        LoggerFactory = NullLoggerFactory.Instance,
    };

    /// <summary>The global options as arguments, to start this tool again with the same targets (the try watchdog).</summary>
    public IEnumerable<string> GlobalArguments()
    {
        yield return "--db";
        yield return this.Db;
        if (this.NetworkNamespace is { } ns)
        {
            yield return "--netns";
            yield return ns;
        }

        yield return "--vswitchd";
        yield return this.Vswitchd;
        yield return "--iproute2-dir";
        yield return this.Iproute2Directory;
        yield return "--state-dir";
        yield return this.StateDirectory;
        if (this.TakeOverDefaultRoute)
        {
            yield return "--take-over-default-route";
        }

        if (this.AdoptExisting)
        {
            yield return "--adopt";
        }
    }

    public Task<OvsVswitchClient> ConnectVswitchAsync(CancellationToken cancellationToken) =>
        OvsVswitchClient.ConnectAsync(new OvsdbClientOptions { Endpoint = this.Db }, new OvsVswitchOptions(), cancellationToken);

    public Task<RtNetlinkClient> OpenNetlinkAsync(CancellationToken cancellationToken) =>
        RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = this.NetworkNamespace }, cancellationToken);

    /// <summary>Connects to ovs-vswitchd's control socket, or returns null when <paramref name="required"/> is false and it cannot be reached.</summary>
    public async Task<OvsUnixctlClient?> ConnectVswitchdAsync(bool required, CancellationToken cancellationToken)
    {
        try
        {
            return await OvsUnixctlClient.ConnectAsync(OvsUnixctlClient.ResolveSocketPath(this.Vswitchd), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!required && ex is IOException or OvsdbConnectionException)
        {
            return null;
        }
    }
}
