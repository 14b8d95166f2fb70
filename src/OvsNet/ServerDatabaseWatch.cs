using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// Monitors the <c>_Server.Database</c> row of one database on one connection (<c>monitor_cond</c> with the columns
/// ovs-vsctl asks for, plus <c>sid</c>) and keeps its current <see cref="OvsdbServerStatus"/>.
/// </summary>
/// <remarks>Not thread-safe: the session reads <see cref="Current"/> from the watch loop and once after start.</remarks>
internal sealed class ServerDatabaseWatch : IAsyncDisposable
{
    private static readonly string[] Columns = ["name", "model", "connected", "leader", "schema", "cid", "index", "sid"];

    private readonly OvsdbConditionalMonitor monitor;
    private readonly Dictionary<OvsdbUuid, OvsdbRow> rows = [];

    private ServerDatabaseWatch(OvsdbConditionalMonitor monitor)
    {
        this.monitor = monitor;
        this.Apply(monitor.Initial);
    }

    /// <summary>Gets the database's status, or null when the server has no row for it.</summary>
    public OvsdbServerStatus? Current => this.rows.Count == 0 ? null : OvsdbServerStatus.FromRow(this.rows.Values.First());

    /// <summary>Starts the monitor; returns null when the server has no <c>_Server</c> database (before OVS 2.9).</summary>
    public static async Task<ServerDatabaseWatch?> StartAsync(OvsdbClient client, string database, CancellationToken cancellationToken)
    {
        var requests = new Dictionary<string, IReadOnlyList<MonitorRequest>>(StringComparer.Ordinal)
        {
            ["Database"] = [new MonitorRequest { Columns = Columns, Where = [OvsdbCondition.Equal("name", database)] }],
        };
        try
        {
            return new ServerDatabaseWatch(await client.MonitorCondAsync("_Server", requests, cancellationToken).ConfigureAwait(false));
        }
        catch (OvsdbRpcException)
        {
            // "unknown database": a server too old to have _Server; there is nothing to check.
            return null;
        }
    }

    /// <summary>Applies updates until the connection or the monitor ends, reporting each new status.</summary>
    public async Task WatchAsync(Action<OvsdbServerStatus?> changed, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (OvsdbMonitorUpdate update in this.monitor.ReadUpdatesAsync(cancellationToken).ConfigureAwait(false))
            {
                this.Apply(update.Updates);
                changed(this.Current);
            }
        }
        catch (OvsdbException)
        {
            // The connection ended; the session sees that through the client.
        }
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => this.monitor.DisposeAsync();

    private void Apply(TableUpdates2 updates)
    {
        if (!updates.TryGetValue("Database", out TableUpdate2? table))
        {
            return;
        }

        foreach ((OvsdbUuid uuid, RowUpdate2 update) in table)
        {
            switch (update.Kind)
            {
                case RowUpdateKind.Delete:
                    this.rows.Remove(uuid);
                    break;
                case RowUpdateKind.Modify when this.rows.TryGetValue(uuid, out OvsdbRow? old):
                    // Every monitored column is a scalar or an optional (0..1) value: update2 sends their new value.
                    this.rows[uuid] = old.WithAll(update.Row ?? OvsdbRow.Empty);
                    break;
                default:
                    this.rows[uuid] = update.Row ?? OvsdbRow.Empty;
                    break;
            }
        }
    }
}
