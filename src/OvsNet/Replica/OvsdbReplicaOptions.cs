using Microsoft.Extensions.Logging;

namespace OvsNet.Replica;

/// <summary>What a replica holds and how it follows the server.</summary>
/// <remarks>Immutable once built; thread-safe. Validated when the replica starts.</remarks>
public sealed class OvsdbReplicaOptions
{
    /// <summary>Gets the database (default <c>Open_vSwitch</c>).</summary>
    public string Database { get; init; } = "Open_vSwitch";

    /// <summary>Gets the tables to replicate (at least one).</summary>
    public IReadOnlyList<OvsdbReplicaTableOptions> Tables { get; init; } = [];

    /// <summary>Gets client-defined indexes, in addition to the schema's indexes (which are always built).</summary>
    public IReadOnlyList<OvsdbReplicaIndex> Indexes { get; init; } = [];

    /// <summary>Gets the monitor method (default <see cref="OvsdbReplicaMonitorMethod.Auto"/>).</summary>
    public OvsdbReplicaMonitorMethod MonitorMethod { get; init; } = OvsdbReplicaMonitorMethod.Auto;

    /// <summary>Gets the logger factory (category <c>OvsNet.OvsdbReplica</c>), or null for none.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
