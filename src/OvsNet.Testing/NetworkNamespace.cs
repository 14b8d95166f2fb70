using System.Text.Json;

namespace OvsNet.Testing;

/// <summary>
/// A uniquely named network namespace (<c>ip netns add</c>) owned by one test, deleted on dispose together with every
/// link inside it. Tests change links, addresses, rules and routes only in here, never on the host. Needs root and
/// <c>ip</c>.
/// </summary>
public sealed class NetworkNamespace : IDisposable, IAsyncDisposable
{
    private bool disposed;

    private NetworkNamespace(string name) => this.Name = name;

    /// <summary>Gets the namespace name, e.g. <c>ovsnet-t-1a2b3c4d</c>.</summary>
    public string Name { get; }

    /// <summary>Creates a namespace named <c>PREFIX-&lt;8 hex&gt;</c> with loopback up.</summary>
    /// <param name="prefix">The name prefix (keep it short: the name is also used in link names by some tests).</param>
    /// <returns>The namespace.</returns>
    public static NetworkNamespace Create(string prefix = "ovsnet-t")
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        string name = $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";
        Tools.RunChecked("ip", ["netns", "add", name]);
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

    /// <summary>Runs <c>ip -n NAME ARGS</c> and returns standard output; throws with standard error on failure.</summary>
    /// <param name="arguments">The ip arguments.</param>
    /// <returns>Standard output.</returns>
    public string Ip(params string[] arguments) => Tools.RunChecked("ip", ["-n", this.Name, .. arguments]);

    /// <summary>Runs <c>ip -n NAME ARGS</c> and returns the result whatever the exit code.</summary>
    /// <param name="arguments">The ip arguments.</param>
    /// <returns>The result.</returns>
    public ToolResult TryIp(params string[] arguments) => Tools.Run("ip", ["-n", this.Name, .. arguments]);

    /// <summary>Runs <c>ip -j -n NAME ARGS</c> and parses the JSON answer (an empty answer is an empty array).</summary>
    /// <param name="arguments">The ip arguments.</param>
    /// <returns>The JSON.</returns>
    public JsonElement IpJson(params string[] arguments)
    {
        string json = Tools.RunChecked("ip", ["-j", "-n", this.Name, .. arguments]);
        using JsonDocument document = JsonDocument.Parse(string.IsNullOrWhiteSpace(json) ? "[]" : json);
        return document.RootElement.Clone();
    }

    /// <summary>Runs any tool inside the namespace (<c>ip netns exec NAME TOOL ARGS</c>).</summary>
    /// <param name="tool">The tool.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <returns>The result, whatever the exit code.</returns>
    public ToolResult Exec(string tool, params string[] arguments) => Tools.Run("ip", ["netns", "exec", this.Name, tool, .. arguments]);

    /// <summary>Sets a sysctl inside the namespace (e.g. <c>net.ipv6.conf.all.accept_dad</c>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    public void SetSysctl(string key, string value)
    {
        ToolResult result = this.Exec("sysctl", "-q", "-w", $"{key}={value}");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"sysctl {key}={value} failed in {this.Name}: {result.StandardError.Trim()}");
        }
    }

    /// <summary>
    /// Creates a veth pair: <paramref name="name"/> here, <paramref name="peerName"/> here or in the namespace named
    /// <paramref name="peerNamespace"/>. The peer is brought up so the local end gets carrier once it is up.
    /// </summary>
    /// <param name="name">The local end.</param>
    /// <param name="peerName">The peer end.</param>
    /// <param name="peerNamespace">The peer's namespace, or null for this one.</param>
    public void CreateVethPair(string name, string peerName, NetworkNamespace? peerNamespace = null)
    {
        if (peerNamespace is null)
        {
            this.Ip("link", "add", name, "type", "veth", "peer", "name", peerName);
            this.Ip("link", "set", peerName, "up");
        }
        else
        {
            this.Ip("link", "add", name, "type", "veth", "peer", "name", peerName, "netns", peerNamespace.Name);
            peerNamespace.Ip("link", "set", peerName, "up");
        }
    }

    /// <summary>Reads one statistics counter of a link (e.g. "tx", "packets") from <c>ip -s -j link show</c>.</summary>
    /// <param name="link">The link.</param>
    /// <param name="direction"><c>rx</c> or <c>tx</c>.</param>
    /// <param name="counter">The counter, e.g. <c>packets</c>.</param>
    /// <returns>The value.</returns>
    public long LinkCounter(string link, string direction, string counter) =>
        this.IpJson("-s", "link", "show", "dev", link)[0].GetProperty("stats64").GetProperty(direction).GetProperty(counter).GetInt64();

    /// <summary>Gets the names of the links in the namespace (<c>ip -j link show</c>).</summary>
    /// <returns>The names.</returns>
    public IReadOnlySet<string> LinkNames()
        => this.IpJson("link", "show").EnumerateArray().Select(l => l.GetProperty("ifname").GetString()!).ToHashSet(StringComparer.Ordinal);

    /// <summary>Deletes the namespace (and its links).</summary>
    public void Dispose()
    {
        if (this.disposed)
        {
            return;
        }

        this.disposed = true;
        Tools.Run("ip", ["netns", "del", this.Name]);
    }

    /// <summary>Deletes the namespace (and its links).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        this.Dispose();
        return ValueTask.CompletedTask;
    }
}
