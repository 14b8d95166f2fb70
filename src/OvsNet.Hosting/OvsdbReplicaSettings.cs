using Microsoft.Extensions.Logging;
using OvsNet.Replica;

namespace OvsNet.Hosting;

/// <summary>
/// The settings of a hosted <see cref="OvsdbReplica"/>, bound from a configuration section and/or set in code: the
/// tables to replicate (by name, with the columns to keep) and the monitor method. Conditions and secondary indexes
/// are code: register the replica with an <see cref="OvsdbReplicaOptions"/> factory for those.
/// </summary>
/// <example>
/// <code language="json">
/// "Replica": { "Tables": { "Interface": { "Columns": [ "name", "ofport", "link_state" ] }, "Bridge": { } } }
/// </code>
/// </example>
public sealed class OvsdbReplicaSettings
{
    /// <summary>Gets or sets the database (default: the session's database).</summary>
    public string? Database { get; set; }

    /// <summary>Gets or sets the monitor method (default <see cref="OvsdbReplicaMonitorMethod.Auto"/>).</summary>
    public OvsdbReplicaMonitorMethod MonitorMethod { get; set; } = OvsdbReplicaMonitorMethod.Auto;

    /// <summary>Gets the tables to replicate, by name; at least one.</summary>
    public IDictionary<string, OvsdbReplicaTableSettings> Tables { get; } = new Dictionary<string, OvsdbReplicaTableSettings>(StringComparer.Ordinal);

    /// <summary>Adds a table to replicate.</summary>
    /// <param name="name">The table.</param>
    /// <param name="columns">The columns to keep (none: all).</param>
    /// <returns>These settings.</returns>
    public OvsdbReplicaSettings AddTable(string name, params string[] columns)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(columns);
        var table = new OvsdbReplicaTableSettings();
        foreach (string column in columns)
        {
            table.Columns.Add(column);
        }

        this.Tables[name] = table;
        return this;
    }

    /// <summary>Builds the replica options.</summary>
    /// <param name="sessionDatabase">The session's database, used when <see cref="Database"/> is not set.</param>
    /// <param name="loggerFactory">The logger factory of the host.</param>
    /// <returns>The options.</returns>
    public OvsdbReplicaOptions ToOptions(string sessionDatabase, ILoggerFactory? loggerFactory) => new()
    {
        Database = this.Database ?? sessionDatabase,
        MonitorMethod = this.MonitorMethod,
        LoggerFactory = loggerFactory,
        Tables = [.. this.Tables
            .OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => new OvsdbReplicaTableOptions(t.Key) { Columns = t.Value.Columns.Count == 0 ? null : [.. t.Value.Columns] })],
    };
}
