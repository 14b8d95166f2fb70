using System.Collections.Immutable;
using System.Diagnostics;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <content>Attaching to a connection: schema, monitor with fallback, resume or atomic reload.</content>
public sealed partial class OvsdbReplica
{
    private static readonly OvsdbReplicaMonitorMethod[] FallbackOrder =
        [OvsdbReplicaMonitorMethod.MonitorCondSince, OvsdbReplicaMonitorMethod.MonitorCond, OvsdbReplicaMonitorMethod.Monitor];

    /// <summary>
    /// Follows a (new) connection: cancels the monitor on the previous one, fetches the schema, and starts the monitor.
    /// With <c>monitor_cond_since</c> and a known transaction id the server may resume (clustered databases:
    /// <c>found=true</c>, only the delta is applied). Otherwise the replica reloads: the new contents are built aside and
    /// swapped in at once, with change events for exactly the differences from the previous snapshot.
    /// <c>OvsdbSession</c> calls this after every reconnection; call it yourself to move a replica to a new client.
    /// </summary>
    /// <param name="client">The connection to follow (not owned).</param>
    /// <param name="cancellationToken">Cancels attaching (the replica is then detached).</param>
    /// <returns>A task that completes once the replica reflects the server.</returns>
    /// <exception cref="ArgumentException">The options do not fit the server's schema.</exception>
    /// <exception cref="NotSupportedException">Conditions were given but the server only has the RFC 7047 <c>monitor</c>.</exception>
    public Task AttachAsync(OvsdbClient client, CancellationToken cancellationToken = default) => this.AttachCoreAsync(client, onlyIfDetached: false, cancellationToken);

    private static string MonitorMethodName(OvsdbReplicaMonitorMethod method) => method switch
    {
        OvsdbReplicaMonitorMethod.MonitorCondSince => "monitor_cond_since",
        OvsdbReplicaMonitorMethod.MonitorCond => "monitor_cond",
        _ => "monitor",
    };

    private async Task AttachCoreAsync(OvsdbClient client, bool onlyIfDetached, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        this.ThrowIfDisposed();
        await this.attachGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        Activity? activity = null;
        try
        {
            this.ThrowIfDisposed();
            if (onlyIfDetached && Volatile.Read(ref this.handle) is { HasEnded: false } attached && attached.Client.IsConnected)
            {
                return;
            }

            activity = OvsdbTelemetry.StartMonitorActivity(this.Database, client);
            await this.DetachAsync().ConfigureAwait(false);
            DatabaseSchema serverSchema = await client.GetSchemaAsync(this.Database, cancellationToken).ConfigureAwait(false);
            OvsdbReplicaSnapshot empty = this.BuildEmpty(serverSchema);
            bool sameSchema = this.schema is not null && this.schema.Version == serverSchema.Version && this.schema.Cksum == serverSchema.Cksum;
            OvsdbUuid? resumeFrom = null;
            Dictionary<string, IReadOnlyList<OvsdbCondition>?> where;
            lock (this.writeLock)
            {
                where = this.conditions;
                if (sameSchema && this.resumable && this.current.LastTransactionId is OvsdbUuid last && last != OvsdbUuid.Zero)
                {
                    resumeFrom = last;
                }
            }

            (MonitorHandle monitor, TableUpdates2? initial2, TableUpdates? initial1, bool found, OvsdbUuid? lastId) =
                await this.StartMonitorAsync(client, serverSchema, where, resumeFrom, cancellationToken).ConfigureAwait(false);
            try
            {
                lock (this.writeLock)
                {
                    var changes = new List<OvsdbReplicaChange>();
                    OvsdbReplicaSnapshot next;
                    if (found && resumeFrom is not null)
                    {
                        next = SnapshotUpdater.Apply(this.current, initial2!, lastId, changes);
                    }
                    else
                    {
                        // Built aside from an empty snapshot, then swapped in whole: readers never see the purge. Its
                        // row changes are not wanted (the diff against the current snapshot is what subscribers get).
                        OvsdbReplicaSnapshot fresh = initial2 is not null
                            ? SnapshotUpdater.Apply(empty, initial2, lastId, changes: null)
                            : SnapshotUpdater.Apply(empty, initial1!, changes: null);
                        next = new OvsdbReplicaSnapshot(fresh.Version, lastId, fresh.Tables);
                        SnapshotUpdater.Diff(this.current, next, changes);
                    }

                    this.lastSynchronization = found && resumeFrom is not null ? OvsdbReplicaSynchronization.Resumed
                        : this.schema is null ? OvsdbReplicaSynchronization.Loaded
                        : OvsdbReplicaSynchronization.Reloaded;
                    this.schema = serverSchema;
                    this.resumable = monitor.Method == OvsdbReplicaMonitorMethod.MonitorCondSince;
                    this.Publish(next, changes);
                    monitor.Conditional?.ReleaseInitial(); // applied: the snapshot holds the rows now
                    monitor.Plain?.ReleaseInitial();
                    this.SetStateLocked(OvsdbReplicaState.Synchronized);
                    this.error = null;
                    Volatile.Write(ref this.handle, monitor);
                    ReplicaLog.Attached(this.logger, this.Database, monitor.Method, found, next.Version, changes.Count);
                }
            }
            catch (ArgumentException ex)
            {
                await monitor.CancelAsync().ConfigureAwait(false);
                throw new OvsdbProtocolException($"The initial contents of the {this.Database} monitor do not fit its schema: {ex.Message}", ex);
            }

            if (activity is not null)
            {
                // The apply loop outlives this span: it must not run (and parent its own work) under it.
                Activity.Current = activity.Parent;
                monitor.Loop = Task.Run(() => this.RunLoopAsync(monitor), CancellationToken.None);
                Activity.Current = activity;
            }
            else
            {
                monitor.Loop = Task.Run(() => this.RunLoopAsync(monitor), CancellationToken.None);
            }

            if (activity is not null)
            {
                activity.SetTag("ovsdb.monitor.method", MonitorMethodName(monitor.Method));
                activity.SetTag("ovsdb.replica.synchronization", this.LastSynchronization.ToString());
            }
        }
        catch (Exception ex) when (OvsdbTelemetry.MarkFailed(activity, ex))
        {
            throw; // Not reached: MarkFailed returns false.
        }
        finally
        {
            activity?.Dispose();
            this.attachGate.Release();
        }
    }

    /// <summary>Cancels the current monitor and waits for its loop. Caller holds <see cref="attachGate"/>.</summary>
    private async Task DetachAsync()
    {
        MonitorHandle? old = Interlocked.Exchange(ref this.handle, null);
        if (old is null)
        {
            return;
        }

        await old.CancelAsync().ConfigureAwait(false);
        if (old.Loop is not null)
        {
            await old.Loop.ConfigureAwait(false);
        }

        lock (this.writeLock)
        {
            if (this.state == OvsdbReplicaState.Synchronized)
            {
                this.SetStateLocked(OvsdbReplicaState.Disconnected);
            }
        }
    }

    /// <summary>
    /// The replica's own monitor applies backpressure: its apply loop never waits on a call of the connection, and
    /// subscribers that fall behind fault on their own queues (<see cref="OvsdbReplicaLaggedException"/>), so the only
    /// way the monitor's queue fills is the replica applying slower than the server sends. The socket is then not read
    /// and ovsdb-server merges the pending changes, instead of the replica buffering without bound or resynchronizing.
    /// </summary>
    private static readonly OvsdbMonitorOptions MonitorOptions = new() { QueueCapacity = 1024, WhenFull = OvsdbMonitorFullMode.Backpressure };

    private async Task<(MonitorHandle Handle, TableUpdates2? Initial2, TableUpdates? Initial1, bool Found, OvsdbUuid? LastId)> StartMonitorAsync(
        OvsdbClient client, DatabaseSchema serverSchema, Dictionary<string, IReadOnlyList<OvsdbCondition>?> where, OvsdbUuid? resumeFrom, CancellationToken cancellationToken)
    {
        OvsdbReplicaMonitorMethod[] methods = this.Options.MonitorMethod == OvsdbReplicaMonitorMethod.Auto ? FallbackOrder : [this.Options.MonitorMethod];
        for (int i = 0; ; i++)
        {
            OvsdbReplicaMonitorMethod method = methods[i];
            try
            {
                switch (method)
                {
                    case OvsdbReplicaMonitorMethod.MonitorCondSince:
                        OvsdbConditionalMonitor since = await client.MonitorCondSinceAsync(this.Database, this.BuildRequests(serverSchema, where, conditional: true), resumeFrom, MonitorOptions, cancellationToken).ConfigureAwait(false);
                        return (new MonitorHandle(client, method, since, null), since.Initial, null, since.Found, since.LastTransactionId);
                    case OvsdbReplicaMonitorMethod.MonitorCond:
                        OvsdbConditionalMonitor cond = await client.MonitorCondAsync(this.Database, this.BuildRequests(serverSchema, where, conditional: true), MonitorOptions, cancellationToken).ConfigureAwait(false);
                        return (new MonitorHandle(client, method, cond, null), cond.Initial, null, false, null);
                    default:
                        if (where.Values.Any(w => w is not null && w.Count > 0))
                        {
                            throw new NotSupportedException("The replica has conditions, which need monitor_cond or monitor_cond_since; the server has only the RFC 7047 monitor.");
                        }

                        OvsdbMonitor plain = await client.MonitorAsync(this.Database, this.BuildRequests(serverSchema, where, conditional: false), MonitorOptions, cancellationToken).ConfigureAwait(false);
                        return (new MonitorHandle(client, method, null, plain), null, plain.Initial, false, null);
                }
            }
            catch (OvsdbRpcException ex) when (ex.ErrorKind == OvsdbErrorKind.UnknownMethod && i + 1 < methods.Length)
            {
                ReplicaLog.MethodUnsupported(this.logger, method);
            }
        }
    }

    private Dictionary<string, IReadOnlyList<MonitorRequest>> BuildRequests(DatabaseSchema serverSchema, Dictionary<string, IReadOnlyList<OvsdbCondition>?> where, bool conditional)
    {
        var requests = new Dictionary<string, IReadOnlyList<MonitorRequest>>(StringComparer.Ordinal);
        foreach (OvsdbReplicaTableOptions table in this.Options.Tables)
        {
            IReadOnlyList<OvsdbCondition>? conditions = conditional ? where[table.Name] : null;

            // "All columns" is spelled out: an absent column list also brings _version, which update2 never keeps current.
            IReadOnlyList<string> columns = table.Columns ?? [.. serverSchema.GetTable(table.Name).Columns.Keys];
            requests[table.Name] = [new MonitorRequest { Columns = columns, Where = conditions }];
        }

        return requests;
    }

    /// <summary>Checks the options against the server's schema and builds the empty tables with their indexes.</summary>
    private OvsdbReplicaSnapshot BuildEmpty(DatabaseSchema serverSchema)
    {
        var tables = new Dictionary<string, OvsdbReplicaTable>(StringComparer.Ordinal);
        foreach (OvsdbReplicaTableOptions options in this.Options.Tables)
        {
            if (!serverSchema.TryGetTable(options.Name, out TableSchema? table))
            {
                throw new ArgumentException($"The server's {this.Database} schema ({serverSchema.Version}) has no table '{options.Name}'.");
            }

            HashSet<string>? monitored = null;
            if (options.Columns is not null)
            {
                monitored = new HashSet<string>(StringComparer.Ordinal);
                foreach (string column in options.Columns)
                {
                    if (!table.Columns.ContainsKey(column) || !monitored.Add(column))
                    {
                        throw new ArgumentException($"Table {options.Name}: column '{column}' is unknown to the server's schema or listed twice.");
                    }
                }
            }

            var indexes = new List<IndexState>();
            foreach (IReadOnlyList<string> schemaIndex in table.Indexes)
            {
                // A schema index over a column the replica does not hold cannot be built; it is left out.
                if (monitored is null || schemaIndex.All(monitored.Contains))
                {
                    indexes.Add(new IndexState(OvsdbReplicaIndex.OnColumns(table.Name, [.. schemaIndex]), ImmutableDictionary<IndexKey, ImmutableArray<OvsdbUuid>>.Empty));
                }
            }

            foreach (OvsdbReplicaIndex index in this.Options.Indexes.Where(i => i.Table == table.Name))
            {
                foreach (string column in index.Columns)
                {
                    if (!table.Columns.TryGetValue(column, out ColumnSchema? columnSchema) || (monitored is not null && !monitored.Contains(column)))
                    {
                        throw new ArgumentException($"Index {index}: column '{column}' is not replicated.");
                    }

                    if (index.MapKey is not null && !columnSchema.Type.IsMap)
                    {
                        throw new ArgumentException($"Index {index}: column '{column}' is not a map.");
                    }
                }

                if (indexes.Any(i => i.Definition.Name == index.Name))
                {
                    throw new ArgumentException($"Table {table.Name} has two indexes named '{index.Name}'.");
                }

                indexes.Add(new IndexState(index, ImmutableDictionary<IndexKey, ImmutableArray<OvsdbUuid>>.Empty));
            }

            tables[table.Name] = new OvsdbReplicaTable(table, monitored, ImmutableDictionary<OvsdbUuid, ReplicaRow>.Empty, [.. indexes]);
        }

        foreach (OvsdbReplicaIndex index in this.Options.Indexes)
        {
            if (!tables.ContainsKey(index.Table))
            {
                throw new ArgumentException($"Index {index} is on a table the replica does not hold.");
            }
        }

        return new OvsdbReplicaSnapshot(Volatile.Read(ref this.current).Version, null, tables);
    }
}
