using System.Text.Json;

namespace OvsNet.Samples.Hypervisor.Lab;

/// <summary>A network namespace the demo creates (<c>ip netns add</c>) and deletes, with the links inside it.</summary>
public sealed class LabNamespace
{
    private LabNamespace(string name) => this.Name = name;

    /// <summary>Gets the namespace name.</summary>
    public string Name { get; }

    /// <summary>Creates the namespace with loopback up.</summary>
    /// <param name="name">The name (unique per run).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The namespace.</returns>
    public static async Task<LabNamespace> CreateAsync(string name, CancellationToken cancellationToken)
    {
        await LabProcess.RunCheckedAsync("ip", ["netns", "add", name], cancellationToken).ConfigureAwait(false);
        var ns = new LabNamespace(name);
        await ns.IpAsync(cancellationToken, "link", "set", "lo", "up").ConfigureAwait(false);
        return ns;
    }

    /// <summary>Names a namespace that already exists (created by someone else, who also deletes it).</summary>
    /// <param name="name">Its name.</param>
    /// <returns>The namespace.</returns>
    public static LabNamespace Existing(string name) => new(name);

    /// <summary>Runs <c>ip -n NAME ARGS</c>.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="args">The ip arguments.</param>
    /// <returns>Standard output.</returns>
    public Task<string> IpAsync(CancellationToken cancellationToken, params string[] args)
        => LabProcess.RunCheckedAsync("ip", ["-n", this.Name, .. args], cancellationToken);

    /// <summary>Runs a tool inside the namespace (<c>ip netns exec</c>) and returns its result.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <param name="args">The tool and its arguments.</param>
    /// <returns>Exit code and output.</returns>
    public Task<(int ExitCode, string Output, string Error)> ExecAsync(CancellationToken cancellationToken, params string[] args)
        => LabProcess.RunAsync("ip", ["netns", "exec", this.Name, .. args], null, cancellationToken);

    /// <summary>Sets a sysctl inside the namespace.</summary>
    /// <param name="key">For example <c>net.ipv4.ip_forward</c>.</param>
    /// <param name="value">The value.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SysctlAsync(string key, string value, CancellationToken cancellationToken)
        => LabProcess.RunCheckedAsync("ip", ["netns", "exec", this.Name, "sysctl", "-q", "-w", $"{key}={value}"], cancellationToken);

    /// <summary>Reads a link's JSON (<c>ip -j -s link show dev NAME</c>).</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The link object.</returns>
    public async Task<JsonElement> LinkAsync(string link, CancellationToken cancellationToken)
    {
        string json = await LabProcess.RunCheckedAsync("ip", ["-j", "-s", "-n", this.Name, "link", "show", "dev", link], cancellationToken).ConfigureAwait(false);
        using JsonDocument document = JsonDocument.Parse(json);
        return document.RootElement[0].Clone();
    }

    /// <summary>Gets a link's transmitted packet count.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>stats64.tx.packets.</returns>
    public async Task<long> TxPacketsAsync(string link, CancellationToken cancellationToken)
        => (await this.LinkAsync(link, cancellationToken).ConfigureAwait(false)).GetProperty("stats64").GetProperty("tx").GetProperty("packets").GetInt64();

    /// <summary>Gets a link's MAC address.</summary>
    /// <param name="link">The link.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The address, lower case.</returns>
    public async Task<string> MacAsync(string link, CancellationToken cancellationToken)
        => (await this.LinkAsync(link, cancellationToken).ConfigureAwait(false)).GetProperty("address").GetString()!;

    /// <summary>Deletes the namespace (and every link inside it). Never throws.</summary>
    /// <returns>A task.</returns>
    public Task DeleteAsync() => LabProcess.RunAsync("ip", ["netns", "del", this.Name]);
}
