using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// Which changes a monitor reports (RFC 7047 §4.1.5 <c>&lt;monitor-select&gt;</c>); every flag defaults to true.
/// Immutable once built, and thread-safe.
/// </summary>
[JsonConverter(typeof(MonitorSelectConverter))]
public sealed class MonitorSelect : IEquatable<MonitorSelect>
{
    /// <summary>All four kinds (the RFC default).</summary>
    public static MonitorSelect All { get; } = new();

    /// <summary>Report the rows present when the monitor starts.</summary>
    public bool Initial { get; init; } = true;

    /// <summary>Report inserted rows.</summary>
    public bool Insert { get; init; } = true;

    /// <summary>Report deleted rows.</summary>
    public bool Delete { get; init; } = true;

    /// <summary>Report modified rows.</summary>
    public bool Modify { get; init; } = true;

    /// <inheritdoc/>
    public bool Equals(MonitorSelect? other) => other is not null
        && this.Initial == other.Initial && this.Insert == other.Insert && this.Delete == other.Delete && this.Modify == other.Modify;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MonitorSelect other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.Initial, this.Insert, this.Delete, this.Modify);
}
