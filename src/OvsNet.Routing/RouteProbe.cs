using System.Net;

namespace OvsNet.Routing;

/// <summary>
/// A check of the kernel's own route lookup after an apply, like <c>ip route get DESTINATION from SOURCE</c>: the
/// answer must use the expected gateway, device and table (null expectations are not checked). Immutable.
/// </summary>
public sealed record RouteProbe
{
    /// <summary>The destination looked up.</summary>
    public required IPAddress Destination { get; init; }

    /// <summary>The source address (must be local once applied), or null.</summary>
    public IPAddress? Source { get; init; }

    /// <summary>The gateway the answer must use; null is not checked.</summary>
    public IPAddress? ExpectedGateway { get; init; }

    /// <summary>The output device the answer must use; null is not checked.</summary>
    public string? ExpectedDevice { get; init; }

    /// <summary>The table the answer must come from; null is not checked.</summary>
    public uint? ExpectedTable { get; init; }

    /// <inheritdoc/>
    public override string ToString() =>
        $"route get {this.Destination}" + (this.Source is { } s ? $" from {s}" : "") + " expecting"
        + (this.ExpectedGateway is { } g ? $" via {g}" : "") + (this.ExpectedDevice is { } d ? $" dev {d}" : "")
        + (this.ExpectedTable is { } t ? $" table {t}" : "");
}
