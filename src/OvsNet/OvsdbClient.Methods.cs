using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.Rpc;

namespace OvsNet;

/// <content>The RFC 7047 methods that are plain request/reply calls, and the OVS extensions among them.</content>
public sealed partial class OvsdbClient
{
    /// <summary>Lists the databases the server holds (<c>list_dbs</c>, RFC 7047 §4.1.1).</summary>
    /// <param name="cancellationToken">Cancels the call (the RFC <c>cancel</c> is sent).</param>
    /// <returns>The database names, for example <c>Open_vSwitch</c> and <c>_Server</c>.</returns>
    public async Task<IReadOnlyList<string>> ListDatabasesAsync(CancellationToken cancellationToken = default)
    {
        JsonElement result = await this.InvokeAsync("list_dbs", [], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.Array || result.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
        {
            throw new OvsdbProtocolException($"list_dbs returned {result.GetRawText()}, not an array of strings.");
        }

        return [.. result.EnumerateArray().Select(e => e.GetString()!)];
    }

    /// <summary>
    /// Gets a database's schema (<c>get_schema</c>, RFC 7047 §4.1.2). The client caches it; when
    /// <see cref="OvsdbClientOptions.ValidateAgainstSchema"/> is on, transactions and monitors on that database are checked
    /// against the cached schema instead of fetching it again. Calling this method never turns validation on.
    /// </summary>
    /// <param name="database">The database name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The schema.</returns>
    /// <exception cref="OvsdbRpcException">For example <see cref="OvsdbErrorKind.UnknownDatabase"/>.</exception>
    public async Task<DatabaseSchema> GetSchemaAsync(string database, CancellationToken cancellationToken = default)
    {
        OvsdbNames.ThrowIfNotId(database, "database", nameof(database));
        JsonElement result = await this.InvokeAsync("get_schema", [database], cancellationToken).ConfigureAwait(false);
        DatabaseSchema schema;
        try
        {
            schema = DatabaseSchema.FromJson(result);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new OvsdbProtocolException($"get_schema {database} returned a schema OvsNet cannot read: {ex.Message}", ex);
        }

        this.schemas[database] = schema;
        return schema;
    }

    /// <summary>Sends <c>echo</c> (RFC 7047 §4.1.11) and checks that the server returns the same values.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has answered.</returns>
    public async Task EchoAsync(CancellationToken cancellationToken = default)
    {
        JsonElement result = await this.InvokeAsync("echo", ["ovsnet"], cancellationToken).ConfigureAwait(false);
        if (result.ValueKind != JsonValueKind.Array || result.GetArrayLength() != 1 || result[0].GetString() != "ovsnet")
        {
            throw new OvsdbProtocolException($"echo returned {result.GetRawText()} instead of its params [\"ovsnet\"].");
        }
    }

    /// <summary>Gets the server's unique id (<c>get_server_id</c>, an ovsdb-server extension).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The server id (a UUID that changes when the server restarts).</returns>
    public async Task<string> GetServerIdAsync(CancellationToken cancellationToken = default)
    {
        JsonElement result = await this.InvokeAsync("get_server_id", [], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.String
            ? result.GetString()!
            : throw new OvsdbProtocolException($"get_server_id returned {result.GetRawText()}, not a string.");
    }

    /// <summary>
    /// Tells the server whether this client handles database changes (<c>set_db_change_aware</c>, an ovsdb-server
    /// extension). When aware, removing or converting a database cancels its monitors with <c>monitor_canceled</c>
    /// (their streams then end with an <see cref="OvsdbException"/>) instead of disconnecting the client.
    /// </summary>
    /// <param name="aware">True to be told of changes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the server has accepted the setting.</returns>
    public async Task SetDatabaseChangeAwareAsync(bool aware, CancellationToken cancellationToken = default)
        => await this.InvokeAsync("set_db_change_aware", [aware], cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// Runs operations as one atomic transaction (<c>transact</c>, RFC 7047 §4.1.3). Prefer
    /// <see cref="CreateTransaction"/>, which checks names and named-uuids and builds the operations for you.
    /// </summary>
    /// <param name="database">The database name.</param>
    /// <param name="operations">The operations, in order.</param>
    /// <param name="cancellationToken">Cancels the call (the RFC <c>cancel</c> is sent; whether it committed is then unknown).</param>
    /// <returns>The result of every operation.</returns>
    /// <exception cref="OvsdbTransactionException">An operation failed, or the commit did; nothing was committed.</exception>
    public async Task<OvsdbTransactResult> TransactAsync(string database, IReadOnlyList<OvsdbOperation> operations, CancellationToken cancellationToken = default)
    {
        OvsdbNames.ThrowIfNotId(database, "database", nameof(database));
        ArgumentNullException.ThrowIfNull(operations);
        if (operations.Count == 0)
        {
            throw new ArgumentException("A transaction needs at least one operation.", nameof(operations));
        }

        var parameters = new object?[operations.Count + 1];
        parameters[0] = database;
        for (int i = 0; i < operations.Count; i++)
        {
            OvsdbOperation operation = operations[i] ?? throw new ArgumentException($"Operation {i} is null.", nameof(operations));

            // Written once, straight into the request, by the formatter (no intermediate JsonElement per operation).
            parameters[i + 1] = new OperationArgument(operation);
        }

        Rpc.RpcReply reply = await this.InvokeRawAsync("transact", parameters, cancellationToken).ConfigureAwait(false);
        OvsdbTransactResult result;
        try
        {
            result = OvsdbTransactResult.Parse(reply.Utf8, operations.Count);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException)
        {
            throw new OvsdbProtocolException($"transact on {database} returned a result OvsNet cannot read: {ex.Message}", ex);
        }

        if (!result.Succeeded)
        {
            int index = result.FailedIndex ?? operations.Count;
            OvsdbOperationResult failure = index < operations.Count
                ? result.Results[index] ?? throw new OvsdbProtocolException($"transact on {database} reported failure at operation {index} without an error.")
                : result.CommitError ?? throw new OvsdbProtocolException($"transact on {database} reported a commit failure without an error.");
            OvsdbOperationKind? op = index < operations.Count ? OvsdbOperationKinds.FromOp(operations[index].Op) : null;
            string? table = index < operations.Count ? operations[index].Table : null;
            throw new OvsdbTransactionException(database, index, op, table, failure, result);
        }

        return result;
    }

    /// <summary>
    /// Starts building one atomic transaction on <paramref name="database"/>: add operations, then
    /// <see cref="OvsdbTransaction.CommitAsync"/>. With <see cref="OvsdbClientOptions.ValidateAgainstSchema"/> on,
    /// operations are checked against the database's schema: as they are added if the client has the schema cached,
    /// otherwise when committing, after the client has fetched and cached it.
    /// </summary>
    /// <param name="database">The database name.</param>
    /// <returns>An empty transaction.</returns>
    public OvsdbTransaction CreateTransaction(string database)
    {
        OvsdbNames.ThrowIfNotId(database, "database", nameof(database));
        return new OvsdbTransaction(this, database, this.GetCachedSchemaForValidation(database));
    }
}
