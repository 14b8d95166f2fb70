using System.Globalization;
using System.Text.Json;
using OvsNet.Protocol;

namespace OvsNet;

/// <content>Monitors: <c>monitor</c>, <c>monitor_cond</c>, <c>monitor_cond_since</c> and their notifications.</content>
public sealed partial class OvsdbClient
{
    private long nextMonitorId;

    /// <summary>
    /// Starts an RFC 7047 <c>monitor</c> (§4.1.5): the reply's initial rows, then <c>update</c> notifications.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="requests">For each table, what to monitor (columns and select; no conditions in RFC monitors).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The running monitor; dispose it to cancel.</returns>
    public Task<OvsdbMonitor> MonitorAsync(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, CancellationToken cancellationToken = default)
        => this.MonitorAsync(database, requests, OvsdbMonitorOptions.Default, cancellationToken);

    /// <summary>
    /// Starts an RFC 7047 <c>monitor</c> (§4.1.5) whose update queue is bounded as <paramref name="options"/> says.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="requests">For each table, what to monitor (columns and select; no conditions in RFC monitors).</param>
    /// <param name="options">The queue capacity and what happens when the consumer falls behind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The running monitor; dispose it to cancel.</returns>
    public async Task<OvsdbMonitor> MonitorAsync(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, OvsdbMonitorOptions options, CancellationToken cancellationToken = default)
    {
        await this.CheckMonitorAsync(database, requests, allowConditions: false, options, cancellationToken).ConfigureAwait(false);

        var subscription = new MonitorSubscription<TableUpdates>(
            static (method, p) => method == "update"
                ? TableUpdates.FromJson(p[1])
                : throw new InvalidOperationException($"an RFC 7047 monitor received {method}"),
            options);
        (MonitorCore core, Rpc.RpcReply reply) = await this.StartMonitorAsync("monitor", database, requests, subscription, null, cancellationToken).ConfigureAwait(false);
        return new OvsdbMonitor(core, subscription, Decode("monitor", () => TableUpdates.FromJson(reply.Utf8)));
    }

    /// <summary>
    /// Starts a <c>monitor_cond</c> (ovsdb-server(7) §4.1.12): the reply's initial rows, then <c>update2</c> diffs.
    /// Conditions (<see cref="MonitorRequest.Where"/>) select rows server-side and can be changed later.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="requests">For each table, what to monitor.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The running monitor; dispose it to cancel.</returns>
    public Task<OvsdbConditionalMonitor> MonitorCondAsync(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, CancellationToken cancellationToken = default)
        => this.MonitorCondAsync(database, requests, OvsdbMonitorOptions.Default, cancellationToken);

    /// <summary>
    /// Starts a <c>monitor_cond</c> (ovsdb-server(7) §4.1.12) whose update queue is bounded as <paramref name="options"/> says.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="requests">For each table, what to monitor.</param>
    /// <param name="options">The queue capacity and what happens when the consumer falls behind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The running monitor; dispose it to cancel.</returns>
    public async Task<OvsdbConditionalMonitor> MonitorCondAsync(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, OvsdbMonitorOptions options, CancellationToken cancellationToken = default)
    {
        await this.CheckMonitorAsync(database, requests, allowConditions: true, options, cancellationToken).ConfigureAwait(false);

        MonitorSubscription<OvsdbMonitorUpdate> subscription = CreateConditionalSubscription(options);
        (MonitorCore core, Rpc.RpcReply reply) = await this.StartMonitorAsync("monitor_cond", database, requests, subscription, null, cancellationToken).ConfigureAwait(false);
        TableUpdates2 initial = Decode("monitor_cond", () => TableUpdates2.FromJson(reply.Utf8));
        return new OvsdbConditionalMonitor(this, core, subscription, initial, found: false, lastTransactionId: null);
    }

    /// <summary>
    /// Starts a <c>monitor_cond_since</c> (ovsdb-server(7) §4.1.15): like <see cref="MonitorCondAsync(string, IReadOnlyDictionary{string, IReadOnlyList{MonitorRequest}}, CancellationToken)"/>, but it can
    /// resume after <paramref name="lastTransactionId"/> (changes are then <c>update3</c> with their transaction id).
    /// A standalone server always answers <see cref="OvsdbConditionalMonitor.Found"/> false with the full contents.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="requests">For each table, what to monitor.</param>
    /// <param name="lastTransactionId">The last transaction seen, or null to start from scratch.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The running monitor; dispose it to cancel.</returns>
    public Task<OvsdbConditionalMonitor> MonitorCondSinceAsync(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, OvsdbUuid? lastTransactionId = null, CancellationToken cancellationToken = default)
        => this.MonitorCondSinceAsync(database, requests, lastTransactionId, OvsdbMonitorOptions.Default, cancellationToken);

    /// <summary>
    /// Starts a <c>monitor_cond_since</c> (ovsdb-server(7) §4.1.15) whose update queue is bounded as
    /// <paramref name="options"/> says.
    /// </summary>
    /// <param name="database">The database.</param>
    /// <param name="requests">For each table, what to monitor.</param>
    /// <param name="lastTransactionId">The last transaction seen, or null to start from scratch.</param>
    /// <param name="options">The queue capacity and what happens when the consumer falls behind.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The running monitor; dispose it to cancel.</returns>
    public async Task<OvsdbConditionalMonitor> MonitorCondSinceAsync(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, OvsdbUuid? lastTransactionId, OvsdbMonitorOptions options, CancellationToken cancellationToken = default)
    {
        await this.CheckMonitorAsync(database, requests, allowConditions: true, options, cancellationToken).ConfigureAwait(false);

        MonitorSubscription<OvsdbMonitorUpdate> subscription = CreateConditionalSubscription(options);
        (MonitorCore core, Rpc.RpcReply reply) = await this.StartMonitorAsync(
            "monitor_cond_since", database, requests, subscription, (lastTransactionId ?? OvsdbUuid.Zero).ToString(), cancellationToken).ConfigureAwait(false);
        MonitorCondSinceResult result = Decode("monitor_cond_since", () => MonitorCondSinceResult.FromJson(reply.Utf8));
        return new OvsdbConditionalMonitor(this, core, subscription, result.Updates, result.Found, result.LastTransactionId);
    }

    private static MonitorSubscription<OvsdbMonitorUpdate> CreateConditionalSubscription(OvsdbMonitorOptions options)
        => new(
            static (method, p) => method switch
            {
                "update2" => new OvsdbMonitorUpdate(TableUpdates2.FromJson(p[1]), null),
                "update3" => new OvsdbMonitorUpdate(TableUpdates2.FromJson(p[2]), OvsdbUuid.Parse(p[1].GetString() ?? throw new FormatException("update3 transaction id is not a string"))),
                _ => throw new InvalidOperationException($"a conditional monitor received {method}"),
            },
            options);

    private static T Decode<T>(string method, Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new OvsdbProtocolException($"{method} returned a reply OvsNet cannot decode: {ex.Message}", ex);
        }
    }

    private async Task<(MonitorCore Core, Rpc.RpcReply Reply)> StartMonitorAsync(
        string method, string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, IMonitorTarget target, string? lastTransactionId, CancellationToken cancellationToken)
    {
        string monitorId = string.Create(CultureInfo.InvariantCulture, $"ovsnet-m{Interlocked.Increment(ref this.nextMonitorId)}");
        JsonElement requestsJson = JsonSerializer.SerializeToElement(requests, Rpc.ClientJsonContext.Default.IReadOnlyDictionaryStringIReadOnlyListMonitorRequest);
        object?[] parameters = lastTransactionId is null
            ? [database, monitorId, requestsJson]
            : [database, monitorId, requestsJson, lastTransactionId];

        // Registered before sending: the server may send updates right after the reply, and the read loop routes
        // them on arrival. The consumer only sees them through the monitor object, which exists after the reply.
        if (!this.Router.TryAddMonitor(monitorId, target))
        {
            throw new InvalidOperationException($"Monitor id {monitorId} is already in use.");
        }

        Rpc.RpcReply reply;
        try
        {
            reply = await this.InvokeRawAsync(method, parameters, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            this.Router.RemoveMonitor(monitorId, target);
            target.Complete(null);
            throw;
        }

        LogMessages.MonitorStarted(this.logger, monitorId, method, database);
        return (new MonitorCore(this, database, monitorId, target), reply);
    }

    /// <summary>
    /// Checks a monitor's arguments before anything is sent: the requests' shape, the options, and, with
    /// <see cref="OvsdbClientOptions.ValidateAgainstSchema"/>, the requests against the database's schema.
    /// </summary>
    private async ValueTask CheckMonitorAsync(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, bool allowConditions, OvsdbMonitorOptions options, CancellationToken cancellationToken)
    {
        CheckMonitorRequests(database, requests, allowConditions, schema: null);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        if (await this.GetSchemaForValidationAsync(database, cancellationToken).ConfigureAwait(false) is { } schema)
        {
            CheckMonitorRequests(database, requests, allowConditions, schema);
        }
    }

    private static void CheckMonitorRequests(string database, IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> requests, bool allowConditions, DatabaseSchema? schema)
    {
        OvsdbNames.ThrowIfNotId(database, "database", nameof(database));
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
        {
            throw new ArgumentException("A monitor needs at least one table.", nameof(requests));
        }

        foreach ((string table, IReadOnlyList<MonitorRequest> tableRequests) in requests)
        {
            OvsdbNames.ThrowIfNotId(table, "table", nameof(requests));
            TableSchema? tableSchema = schema?.GetTable(table);
            if (tableRequests is null || tableRequests.Count == 0)
            {
                throw new ArgumentException($"Table {table} has no monitor request.", nameof(requests));
            }

            foreach (MonitorRequest request in tableRequests)
            {
                ArgumentNullException.ThrowIfNull(request, nameof(requests));
                if (!allowConditions && request.Where is not null)
                {
                    throw new ArgumentException($"RFC 7047 monitor does not take conditions (table {table}); use MonitorCondAsync.", nameof(requests));
                }

                IEnumerable<string> columns = (request.Columns ?? []).Concat(
                    (request.Where ?? []).Where(c => c.Constant is null).Select(c => c.Column));
                foreach (string column in columns)
                {
                    if (tableSchema is not null && !tableSchema.TryGetColumn(column, out _))
                    {
                        throw new ArgumentException($"Table {table} of {database} has no column '{column}'.", nameof(requests));
                    }
                }
            }
        }
    }
}
