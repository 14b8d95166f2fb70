using System.Diagnostics;

namespace OvsNet;

/// <summary>The connection loop: choose a member, check it, run the callbacks, publish, wait for the end, repeat.</summary>
public sealed partial class OvsdbSession
{
    private async Task RunAsync()
    {
        CancellationToken closing = this.disposing.Token;
        int next = 0;
        int failedAttempts = 0;
        bool everConnected = false;
        OvsdbEndpoint? lastMember = null;
        while (!closing.IsCancellationRequested)
        {
            OvsdbEndpoint endpoint = this.endpoints[next];
            next = (next + 1) % this.endpoints.Count;
            this.SetState(everConnected ? OvsdbSessionState.Reconnecting : OvsdbSessionState.Connecting, endpoint, this.LastError);
            SessionConnection connection;
            try
            {
                connection = await this.OpenAsync(endpoint, closing).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !closing.IsCancellationRequested)
            {
                Volatile.Write(ref this.lastError, ex);
                failedAttempts++;

                // Every remote gets one try per round; only a round in which all failed waits, and longer each time.
                TimeSpan delay = failedAttempts % this.endpoints.Count == 0
                    ? ReconnectBackoff.Delay(failedAttempts / this.endpoints.Count, this.options.MinBackoff, this.options.MaxBackoff, Random.Shared.NextDouble())
                    : TimeSpan.Zero;
                LogMessages.SessionAttemptFailed(this.logger, endpoint, delay, ex);
                if (!await DelayAsync(delay, closing).ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (everConnected && !Equals(lastMember, endpoint) && OvsdbTelemetry.Failovers.Enabled)
            {
                var tags = new TagList { { "db.system.name", OvsdbTelemetry.DbSystem } };
                OvsdbTelemetry.AddServer(ref tags, endpoint);

                OvsdbTelemetry.Failovers.Add(1, tags);
            }

            lastMember = endpoint;
            everConnected = true;
            long connectedAt = Stopwatch.GetTimestamp();
            Exception reason = await this.ServeAsync(connection).ConfigureAwait(false);
            if (closing.IsCancellationRequested)
            {
                break;
            }

            Volatile.Write(ref this.lastError, reason);
            LogMessages.SessionConnectionLost(this.logger, endpoint, reason);

            // A connection that ends at once (a member that accepts and drops) must not make the loop spin.
            failedAttempts = Stopwatch.GetElapsedTime(connectedAt) < this.options.MaxBackoff ? this.endpoints.Count - 1 : 0;
            if (failedAttempts > 0 && this.endpoints.Count == 1
                && !await DelayAsync(ReconnectBackoff.Delay(1, this.options.MinBackoff, this.options.MaxBackoff, Random.Shared.NextDouble()), closing).ConfigureAwait(false))
            {
                break;
            }
        }
    }

    /// <summary>Opens, checks and prepares a connection to <paramref name="endpoint"/>; throws when it is not usable.</summary>
    private async Task<SessionConnection> OpenAsync(OvsdbEndpoint endpoint, CancellationToken closing)
    {
        OvsdbClient client;
        ServerDatabaseWatch? watch;
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(closing))
        {
            timeout.CancelAfter(this.options.ConnectTimeout);
            try
            {
                OvsdbConnectionStream stream = this.options.ConnectStream is { } connect
                    ? new OvsdbConnectionStream(await connect(endpoint, timeout.Token).ConfigureAwait(false))
                    : await OvsdbConnector.ConnectOneAsync(endpoint, this.options.Tls, timeout.Token).ConfigureAwait(false);
                client = await OvsdbClient.StartAsync(stream, endpoint, this.clientOptions, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!closing.IsCancellationRequested)
            {
                throw new OvsdbConnectionException($"Connecting to {endpoint} timed out after {this.options.ConnectTimeout}.", ex);
            }
            catch (System.Net.Sockets.SocketException ex)
            {
                throw new OvsdbConnectionException($"Could not connect to {endpoint}: {ex.Message} ({ex.SocketErrorCode}).", ex);
            }

            try
            {
                watch = await ServerDatabaseWatch.StartAsync(client, this.options.Database, timeout.Token).ConfigureAwait(false);
                if (watch is not null)
                {
                    OvsdbServerStatus? status = watch.Current;
                    string? rejection = OvsdbMemberSelection.GetRejectionReason(status, this.options.Database, this.options.LeaderOnly, this.HighestRaftIndexSeen);
                    if (rejection is not null)
                    {
                        throw new OvsdbConnectionException($"{endpoint} was refused: {rejection}.");
                    }

                    this.NoteIndex(status);
                }
            }
            catch (Exception ex) when (ex is OvsdbException or OperationCanceledException)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                throw ex is OperationCanceledException && !closing.IsCancellationRequested
                    ? new OvsdbConnectionException($"Checking _Server on {endpoint} timed out after {this.options.ConnectTimeout}.", ex)
                    : ex;
            }
        }

        var connection = new SessionConnection(client, watch, closing);
        try
        {
            Func<OvsdbClient, CancellationToken, Task>[] snapshot;
            lock (this.gate)
            {
                snapshot = [.. this.callbacks];
            }

            foreach (Func<OvsdbClient, CancellationToken, Task> callback in snapshot)
            {
                await callback(client, connection.Lifetime.Token).ConfigureAwait(false);
            }

            return connection;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !closing.IsCancellationRequested)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw new OvsdbConnectionException($"An OnConnected callback failed on {endpoint}: {ex.Message}", ex);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Publishes <paramref name="connection"/> and waits until it must end; returns why.</summary>
    private async Task<Exception> ServeAsync(SessionConnection connection)
    {
        OvsdbClient client = connection.Client;
        CancellationToken lifetime = connection.Lifetime.Token;
        _ = client.Completion.ContinueWith(
            _ => connection.End(new OvsdbConnectionException($"The connection to {client.Endpoint} was lost."), "connection_lost"),
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        if (connection.Watch is { } watch)
        {
            _ = watch.WatchAsync(status => this.OnServerStatus(connection, status), lifetime);
        }

        if (this.options.InactivityProbe > TimeSpan.Zero)
        {
            _ = this.ProbeAsync(connection);
        }

        Volatile.Write(ref this.current, connection);
        LogMessages.SessionMemberAccepted(this.logger, client.Endpoint!, connection.Status);
        this.SetState(OvsdbSessionState.Connected, client.Endpoint, null);
        lock (this.gate)
        {
            this.connected.TrySetResult(client);
        }

        Exception reason;
        try
        {
            reason = await connection.Ended.WaitAsync(this.disposing.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            reason = new OvsdbConnectionException("The session was disposed.");
        }

        // Unpublish first, so nobody is handed the dying client; then close it, failing its pending calls at once.
        lock (this.gate)
        {
            Volatile.Write(ref this.current, null);
            this.connected = new TaskCompletionSource<OvsdbClient>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        // The state leaves Connected together with the client, so State and Client never disagree.
        if (!this.disposing.IsCancellationRequested)
        {
            Volatile.Write(ref this.lastError, reason);
            this.SetState(OvsdbSessionState.Reconnecting, client.Endpoint, reason);
            if (OvsdbTelemetry.Reconnects.Enabled)
            {
                var tags = new TagList
                {
                    { "db.system.name", OvsdbTelemetry.DbSystem },
                    { "ovsdb.session.reconnect.reason", connection.EndKind },
                    { "error.type", OvsdbTelemetry.ErrorType(reason) },
                };
                OvsdbTelemetry.AddServer(ref tags, client.Endpoint);

                OvsdbTelemetry.Reconnects.Add(1, tags);
            }
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return reason;
    }

    private void OnServerStatus(SessionConnection connection, OvsdbServerStatus? status)
    {
        connection.Status = status;
        this.NoteIndex(status);

        // The index only grows on one member, so only membership, connectivity and leadership can change the verdict.
        string? rejection = OvsdbMemberSelection.GetRejectionReason(status, this.options.Database, this.options.LeaderOnly, highestIndexSeen: 0);
        if (rejection is not null)
        {
            connection.End(new OvsdbConnectionException($"{connection.Client.Endpoint} is no longer suitable: {rejection}."), "member_unsuitable");
        }
    }

    private async Task ProbeAsync(SessionConnection connection)
    {
        try
        {
            Exception dead = await InactivityProbe.RunAsync(connection.Client, this.options.InactivityProbe, this.logger, connection.Lifetime.Token).ConfigureAwait(false);
            connection.End(dead, "inactivity_probe");
        }
        catch (OperationCanceledException)
        {
            // The connection ended for another reason.
        }
    }

    private void NoteIndex(OvsdbServerStatus? status)
    {
        if (status?.Index is not long index)
        {
            return;
        }

        long seen = Interlocked.Read(ref this.highestIndex);
        while (index > seen)
        {
            long previous = Interlocked.CompareExchange(ref this.highestIndex, index, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }

    private void SetState(OvsdbSessionState newState, OvsdbEndpoint? endpoint, Exception? exception)
    {
        OvsdbSessionState oldState;
        lock (this.gate)
        {
            oldState = this.state;
            if (oldState == newState || oldState == OvsdbSessionState.Closed)
            {
                return;
            }

            this.state = newState;
            this.stateChangedAt = DateTimeOffset.UtcNow;
        }

        LogMessages.SessionStateChanged(this.logger, oldState, newState, endpoint);
        if (OvsdbTelemetry.StateChanges.Enabled)
        {
            var tags = new TagList
            {
                { "db.system.name", OvsdbTelemetry.DbSystem },
                { "ovsdb.session.state", newState.ToString() },
                { "ovsdb.session.previous_state", oldState.ToString() },
            };
            OvsdbTelemetry.AddServer(ref tags, endpoint);

            OvsdbTelemetry.StateChanges.Add(1, tags);
        }

        try
        {
            this.StateChanged?.Invoke(this, new OvsdbSessionStateChangedEventArgs(oldState, newState, endpoint, exception));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogMessages.SessionHandlerFailed(this.logger, ex);
        }
    }

    private static async Task<bool> DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay <= TimeSpan.Zero)
        {
            return !cancellationToken.IsCancellationRequested;
        }

        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
