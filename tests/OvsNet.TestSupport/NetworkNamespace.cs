using System.Text.Json;

namespace OvsNet.TestSupport;

/// <summary>
/// A uniquely named network namespace owned by one test, deleted on dispose together with every link inside it: the
/// suite's face of OvsNet.Testing's <see cref="OvsNet.Testing.NetworkNamespace"/> (which does the work), answering with
/// <see cref="ProcessResult"/>. Requires root: call <see cref="Prerequisites.RequireRoot"/> and <c>RequireTool("ip")</c> first.
/// </summary>
public sealed class NetworkNamespace : IDisposable, IAsyncDisposable
{
    internal NetworkNamespace(OvsNet.Testing.NetworkNamespace inner) => this.Inner = inner;

    /// <summary>Gets the OvsNet.Testing namespace this wraps.</summary>
    public OvsNet.Testing.NetworkNamespace Inner { get; }

    /// <summary>The namespace name, e.g. <c>ovsnet-t-1a2b3c4d</c>.</summary>
    public string Name => this.Inner.Name;

    /// <summary>Creates a namespace named <c>PREFIX-&lt;8 hex&gt;</c> with loopback up.</summary>
    public static NetworkNamespace Create(string prefix = "ovsnet-t")
    {
        TestTier.RequireIntegration("a network namespace");
        return new(OvsNet.Testing.NetworkNamespace.Create(prefix));
    }

    /// <summary>Runs <c>ip -n NAME ARGS</c> and returns stdout; throws with stderr on failure.</summary>
    public string Ip(params string[] arguments) => this.Inner.Ip(arguments);

    /// <summary>Runs <c>ip -n NAME ARGS</c> and returns the result whatever the exit code.</summary>
    public ProcessResult TryIp(params string[] arguments) => From(this.Inner.TryIp(arguments));

    /// <summary>Runs <c>ip -j -n NAME ARGS</c> and parses the JSON answer.</summary>
    public JsonElement IpJson(params string[] arguments) => this.Inner.IpJson(arguments);

    /// <summary>Runs any tool inside the namespace (<c>ip netns exec NAME TOOL ARGS</c>).</summary>
    public ProcessResult Exec(string tool, params string[] arguments) => From(this.Inner.Exec(tool, arguments));

    /// <summary>Sets a sysctl inside the namespace (e.g. <c>net.ipv6.conf.all.accept_dad</c>).</summary>
    public void SetSysctl(string key, string value) => this.Inner.SetSysctl(key, value);

    /// <summary>
    /// Creates a veth pair: <paramref name="name"/> here, <paramref name="peerName"/> here or in
    /// <paramref name="peerNamespace"/>. The peer is brought up so the local end gets carrier once it is up.
    /// </summary>
    public void CreateVethPair(string name, string peerName, NetworkNamespace? peerNamespace = null)
        => this.Inner.CreateVethPair(name, peerName, peerNamespace?.Inner);

    /// <summary>Reads one statistics counter of a link (e.g. "tx","packets") from <c>ip -s -j link show</c>.</summary>
    public long LinkCounter(string link, string direction, string counter) => this.Inner.LinkCounter(link, direction, counter);

    /// <summary>Deletes the namespace (and its links).</summary>
    public void Dispose() => this.Inner.Dispose();

    /// <summary>Deletes the namespace (and its links).</summary>
    public ValueTask DisposeAsync() => this.Inner.DisposeAsync();

    private static ProcessResult From(OvsNet.Testing.ToolResult result) => new(result.ExitCode, result.StandardOutput, result.StandardError);
}
