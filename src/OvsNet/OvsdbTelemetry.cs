using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;
using OvsNet.Replica;

namespace OvsNet;

/// <summary>
/// The meter, instruments and activity source of the OvsNet assembly (names in <see cref="OvsNetInstrumentation"/>).
/// Callers check <see cref="Instrument.Enabled"/> or <see cref="ActivitySource.HasListeners"/> before building tags,
/// so nothing is allocated when nobody listens.
/// </summary>
internal static class OvsdbTelemetry
{
    /// <summary>The value of <c>db.system.name</c>.</summary>
    public const string DbSystem = "ovsdb";

    private static readonly ConcurrentDictionary<OvsdbReplica, byte> Replicas = new();

    /// <summary>Gets the assembly's informational version (the version of meter and activity source).</summary>
    public static string? Version { get; } =
        typeof(OvsdbTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    /// <summary>Gets the meter.</summary>
    public static Meter Meter { get; } = new(OvsNetInstrumentation.MeterName, Version);

    /// <summary>Gets the activity source.</summary>
    public static ActivitySource Source { get; } = new(OvsNetInstrumentation.ActivitySourceName, Version);

    /// <summary>Gets <c>db.client.operation.duration</c>: the duration of each JSON-RPC call, in seconds.</summary>
    public static Histogram<double> OperationDuration { get; } = Meter.CreateHistogram(
        "db.client.operation.duration",
        "s",
        "Duration of OVSDB JSON-RPC calls (request to reply).",
        tags: null,
        new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });

    /// <summary>Gets <c>ovsdb.client.calls.active</c>: JSON-RPC calls sent and not yet answered.</summary>
    public static UpDownCounter<long> CallsActive { get; } =
        Meter.CreateUpDownCounter<long>("ovsdb.client.calls.active", "{call}", "OVSDB JSON-RPC calls in flight.");

    /// <summary>Gets <c>ovsdb.client.transactions</c>: transactions by outcome.</summary>
    public static Counter<long> Transactions { get; } =
        Meter.CreateCounter<long>("ovsdb.client.transactions", "{transaction}", "OVSDB transactions, by outcome.");

    /// <summary>Gets <c>ovsdb.client.updates</c>: monitor update notifications received.</summary>
    public static Counter<long> Updates { get; } =
        Meter.CreateCounter<long>("ovsdb.client.updates", "{message}", "Monitor update notifications received.");

    /// <summary>Gets <c>ovsdb.client.update_rows</c>: row changes in the monitor update notifications received.</summary>
    public static Counter<long> UpdateRows { get; } =
        Meter.CreateCounter<long>("ovsdb.client.update_rows", "{row}", "Row changes carried by monitor update notifications.");

    /// <summary>Gets <c>ovsdb.session.state_changes</c>: session state transitions.</summary>
    public static Counter<long> StateChanges { get; } =
        Meter.CreateCounter<long>("ovsdb.session.state_changes", "{change}", "OvsdbSession state transitions.");

    /// <summary>Gets <c>ovsdb.session.reconnects</c>: connections a session lost and set out to replace.</summary>
    public static Counter<long> Reconnects { get; } =
        Meter.CreateCounter<long>("ovsdb.session.reconnects", "{reconnect}", "Connections an OvsdbSession lost, by reason.");

    /// <summary>Gets <c>ovsdb.session.failovers</c>: connections accepted on a different member than the previous one.</summary>
    public static Counter<long> Failovers { get; } =
        Meter.CreateCounter<long>("ovsdb.session.failovers", "{failover}", "OvsdbSession connections accepted on another cluster member than the previous connection.");

    /// <summary>Gets <c>ovsdb.replica.subscriber_lags</c>: replica subscribers dropped for falling behind.</summary>
    public static Counter<long> SubscriberLags { get; } =
        Meter.CreateCounter<long>("ovsdb.replica.subscriber_lags", "{subscriber}", "Replica change subscribers ended because they fell behind.");

    /// <summary>Gets <c>ovsdb.replica.rows</c>: the rows each live replica holds, per table.</summary>
    public static ObservableGauge<long> ReplicaRows { get; } =
        Meter.CreateObservableGauge("ovsdb.replica.rows", ObserveReplicaRows, "{row}", "Rows held by each live OvsdbReplica, per table.");

    /// <summary>Registers a replica for <see cref="ReplicaRows"/>.</summary>
    public static void Register(OvsdbReplica replica) => Replicas.TryAdd(replica, 0);

    /// <summary>Unregisters a disposed replica.</summary>
    public static void Unregister(OvsdbReplica replica) => Replicas.TryRemove(replica, out _);

    /// <summary>Gets the <c>server.address</c> of an endpoint (the socket path, host or address), or null.</summary>
    public static string? ServerAddress(OvsdbEndpoint? endpoint) => endpoint is null ? null : endpoint.Path ?? endpoint.Host;

    /// <summary>Adds <c>server.address</c> and, for a TCP or SSL endpoint, <c>server.port</c>.</summary>
    public static void AddServer(ref TagList tags, OvsdbEndpoint? endpoint)
    {
        if (ServerAddress(endpoint) is { } address)
        {
            tags.Add("server.address", address);
            if (endpoint!.Port > 0)
            {
                tags.Add("server.port", endpoint.Port);
            }
        }
    }

    /// <summary>Sets <c>server.address</c> and, for a TCP or SSL endpoint, <c>server.port</c> on a span.</summary>
    public static void SetServer(Activity activity, OvsdbEndpoint? endpoint)
    {
        if (ServerAddress(endpoint) is { } address)
        {
            activity.SetTag("server.address", address);
            if (endpoint!.Port > 0)
            {
                activity.SetTag("server.port", endpoint.Port);
            }
        }
    }

    /// <summary>Gets the <c>error.type</c> of an exception: the server's error name when there is one, else the exception type.</summary>
    public static string ErrorType(Exception exception) => exception switch
    {
        OvsdbTransactionException { Error: { Length: > 0 } error } => error,
        OvsdbRpcException { Error: { Length: > 0 } error } => error,
        OvsdbTimeoutException => "timeout",
        OperationCanceledException => "cancelled",
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    };

    /// <summary>Gets the <c>ovsdb.transaction.outcome</c> of a failed transaction.</summary>
    public static string TransactionOutcome(Exception exception) => exception switch
    {
        OvsdbTransactionException { ErrorKind: Protocol.OvsdbErrorKind.Aborted } => "aborted",
        OvsdbTransactionException { ErrorKind: Protocol.OvsdbErrorKind.TimedOut, Operation: OvsdbOperationKind.Wait } => "conflict",
        OvsdbTimeoutException => "timeout",
        OperationCanceledException => "cancelled",
        _ => "error",
    };

    /// <summary>Starts the span of a replica's monitor (re)establishment, or returns null when nobody listens.</summary>
    public static Activity? StartMonitorActivity(string database, OvsdbClient client)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        Activity? activity = Source.StartActivity("monitor " + database, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("db.system.name", DbSystem);
            activity.SetTag("db.namespace", database);
            SetServer(activity, client.Endpoint);
        }

        return activity;
    }

    /// <summary>Marks <paramref name="activity"/> as failed by <paramref name="exception"/>; returns false (for exception filters).</summary>
    public static bool MarkFailed(Activity? activity, Exception exception)
    {
        if (activity is not null)
        {
            activity.SetTag("error.type", ErrorType(exception));
            activity.SetStatus(ActivityStatusCode.Error, exception.Message);
        }

        return false;
    }

    /// <summary>Counts a replica subscriber ended for lagging.</summary>
    public static void RecordSubscriberLag(OvsdbReplica replica)
    {
        if (SubscriberLags.Enabled)
        {
            var tags = new TagList
            {
                { "db.system.name", DbSystem },
                { "db.namespace", replica.Database },
            };
            AddServer(ref tags, replica.AttachedEndpoint);

            SubscriberLags.Add(1, tags);
        }
    }

    private static IEnumerable<Measurement<long>> ObserveReplicaRows()
    {
        foreach (OvsdbReplica replica in Replicas.Keys)
        {
            OvsdbReplicaSnapshot snapshot = replica.Current;
            OvsdbEndpoint? endpoint = replica.AttachedEndpoint;
            foreach (KeyValuePair<string, OvsdbReplicaTable> table in snapshot.Tables)
            {
                var tags = new TagList
                {
                    { "db.system.name", DbSystem },
                    { "db.namespace", replica.Database },
                    { "ovsdb.table", table.Key },
                };
                AddServer(ref tags, endpoint);
                yield return new Measurement<long>(table.Value.Count, tags);
            }
        }
    }
}
