using System.Text.Json;

namespace OvsNet.TestSupport;

/// <summary>
/// A uniquely named network namespace (<c>ip netns add</c>) owned by one test, deleted on dispose together with
/// every link inside it. Tests change links, addresses, rules and routes only in here, never on the host.
/// Requires root: call <see cref="Prerequisites.RequireRoot"/> and <c>RequireTool("ip")</c> first.
/// </summary>
public sealed class NetworkNamespace : IDisposable, IAsyncDisposable
{
    private bool _disposed;

    private NetworkNamespace(string name) => Name = name;

    /// <summary>The namespace name, e.g. <c>ovsnet-t-1a2b3c4d</c>.</summary>
    public string Name { get; }

    /// <summary>Creates a namespace named <c>PREFIX-&lt;8 hex&gt;</c> with loopback up.</summary>
    public static NetworkNamespace Create(string prefix = "ovsnet-t")
    {
        string name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        ProcessRunner.RunChecked("ip", "netns", "add", name);
        var ns = new NetworkNamespace(name);
        try
        {
            ns.Ip("link", "set", "lo", "up");
            return ns;
        }
        catch
        {
            ns.Dispose();
            throw;
        }
    }

    /// <summary>Runs <c>ip -n NAME ARGS</c> and returns stdout; throws with stderr on failure.</summary>
    public string Ip(params string[] arguments) => ProcessRunner.RunChecked("ip", ["-n", Name, .. arguments]);

    /// <summary>Runs <c>ip -n NAME ARGS</c> and returns the result whatever the exit code.</summary>
    public ProcessResult TryIp(params string[] arguments) => ProcessRunner.Run("ip", ["-n", Name, .. arguments]);

    /// <summary>Runs <c>ip -j -n NAME ARGS</c> and parses the JSON answer.</summary>
    public JsonElement IpJson(params string[] arguments)
    {
        string json = ProcessRunner.RunChecked("ip", ["-j", "-n", Name, .. arguments]);
        using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return document.RootElement.Clone();
    }

    /// <summary>Runs any tool inside the namespace (<c>ip netns exec NAME TOOL ARGS</c>).</summary>
    public ProcessResult Exec(string tool, params string[] arguments) =>
        ProcessRunner.Run("ip", ["netns", "exec", Name, tool, .. arguments]);

    /// <summary>Sets a sysctl inside the namespace (e.g. <c>net.ipv6.conf.all.accept_dad</c>).</summary>
    public void SetSysctl(string key, string value)
    {
        ProcessResult result = Exec("sysctl", "-q", "-w", $"{key}={value}");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"sysctl {key}={value} failed in {Name}: {result.StandardError.Trim()}");
        }
    }

    /// <summary>
    /// Creates a veth pair: <paramref name="name"/> here, <paramref name="peerName"/> here or in
    /// <paramref name="peerNamespace"/>. The peer is brought up so the local end gets carrier once it is up.
    /// </summary>
    public void CreateVethPair(string name, string peerName, NetworkNamespace? peerNamespace = null)
    {
        if (peerNamespace is null)
        {
            Ip("link", "add", name, "type", "veth", "peer", "name", peerName);
            Ip("link", "set", peerName, "up");
        }
        else
        {
            Ip("link", "add", name, "type", "veth", "peer", "name", peerName, "netns", peerNamespace.Name);
            peerNamespace.Ip("link", "set", peerName, "up");
        }
    }

    /// <summary>Reads one statistics counter of a link (e.g. "tx","packets") from <c>ip -s -j link show</c>.</summary>
    public long LinkCounter(string link, string direction, string counter) =>
        IpJson("-s", "link", "show", "dev", link)[0].GetProperty("stats64").GetProperty(direction).GetProperty(counter).GetInt64();

    /// <summary>Deletes the namespace (and its links).</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        ProcessRunner.Run("ip", ["netns", "del", Name]);
    }

    /// <summary>Deletes the namespace (and its links).</summary>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
