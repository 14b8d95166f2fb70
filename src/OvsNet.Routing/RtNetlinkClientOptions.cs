using Microsoft.Extensions.Logging;

namespace OvsNet.Routing;

/// <summary>Options for <see cref="RtNetlinkClient.OpenAsync"/>. Immutable once passed in.</summary>
public sealed class RtNetlinkClientOptions
{
    /// <summary>
    /// A named network namespace (as <c>ip netns add NAME</c> creates it, under /run/netns). Null uses the
    /// caller's namespace. The process itself never moves.
    /// </summary>
    public string? NetworkNamespace { get; init; }

    /// <summary>A namespace file to enter instead of a name, e.g. <c>/proc/1234/ns/net</c>. Wins over <see cref="NetworkNamespace"/>.</summary>
    public string? NetworkNamespacePath { get; init; }

    /// <summary>How long one request may wait for the kernel's answer.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Where to log; nothing is logged when null.</summary>
    public ILogger? Logger { get; init; }

    internal string? ResolveNamespacePath()
    {
        if (this.NetworkNamespacePath is { } path)
        {
            return path;
        }

        if (this.NetworkNamespace is not { } name)
        {
            return null;
        }

        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
        {
            throw new ArgumentException($"'{name}' is not a valid network namespace name.", nameof(this.NetworkNamespace));
        }

        return "/run/netns/" + name;
    }
}
