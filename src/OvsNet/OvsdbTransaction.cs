using System.Globalization;
using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// Builds one atomic OVSDB transaction (RFC 7047 §5.2): operations are added in order, rows inserted here are referred
/// to by named-uuid (<see cref="Insert(string, OvsdbRow)"/> returns one), and <see cref="CommitAsync"/> sends them all in
/// one <c>transact</c>. One logical change should be one transaction: either everything commits or nothing does.
/// </summary>
/// <remarks>
/// Not thread-safe: build and commit a transaction from one thread at a time. Each add checks names, throwing
/// <see cref="ArgumentException"/> before anything is sent. With <see cref="OvsdbClientOptions.ValidateAgainstSchema"/>
/// on, tables, columns and values are checked against the database's schema too: as each operation is added when the
/// client already has the schema cached, otherwise in <see cref="CommitAsync"/>, which first fetches and caches it.
/// </remarks>
public sealed class OvsdbTransaction
{
    private readonly OvsdbClient client;
    private readonly bool validateOnCommit;
    private DatabaseSchema? schema;
    private readonly List<OvsdbOperation> operations = [];
    private readonly HashSet<string> definedNames = new(StringComparer.Ordinal);
    private bool committed;

    internal OvsdbTransaction(OvsdbClient client, string database, DatabaseSchema? schema)
    {
        this.client = client;
        this.Database = database;
        this.schema = schema;
        this.validateOnCommit = schema is null && client.ValidatesAgainstSchema;
    }

    /// <summary>Gets the database the transaction runs against.</summary>
    public string Database { get; }

    /// <summary>Gets the operations added so far, in order.</summary>
    public IReadOnlyList<OvsdbOperation> Operations => this.operations;

    /// <summary>
    /// Gets or sets a value indicating whether the commit must be durable: when true, <see cref="CommitAsync"/> appends a
    /// <c>commit</c> operation with <c>"durable": true</c> after the others (RFC 7047 §5.2.10), so the server replies
    /// only once the transaction is on disk. Its result is the last entry of <see cref="OvsdbTransactResult.Results"/>;
    /// the indexes of the other operations do not change. A server that cannot commit durably fails the transaction
    /// with <see cref="OvsdbErrorKind.NotSupported"/>. Default: false (no <c>commit</c> operation is sent).
    /// </summary>
    public bool Durable { get; set; }

    /// <summary>Gets a value indicating whether <see cref="CommitAsync"/> was called (the replica's optimistic transactions check it).</summary>
    internal bool IsCommitted => this.committed;

    /// <summary>
    /// Gets a value indicating whether the transaction is checked against the database's schema
    /// (<see cref="OvsdbClientOptions.ValidateAgainstSchema"/>).
    /// </summary>
    public bool IsSchemaValidated => this.schema is not null || this.validateOnCommit;

    /// <summary>Adds an <c>insert</c> and returns the named-uuid by which other operations can refer to the new row.</summary>
    /// <param name="table">The table.</param>
    /// <param name="row">The new row's columns (others get their defaults).</param>
    /// <returns>A named-uuid unique in this transaction.</returns>
    public OvsdbNamedUuid Insert(string table, OvsdbRow row)
        => this.Insert(table, row, string.Create(CultureInfo.InvariantCulture, $"row{this.operations.Count}_{table}"));

    /// <summary>Adds an <c>insert</c> whose new row is named <paramref name="uuidName"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="row">The new row's columns.</param>
    /// <param name="uuidName">The named-uuid (<c>[_a-zA-Z][_a-zA-Z0-9]*</c>), unique in this transaction.</param>
    /// <returns>The named-uuid.</returns>
    public OvsdbNamedUuid Insert(string table, OvsdbRow row, string uuidName)
    {
        ArgumentNullException.ThrowIfNull(row);
        var name = new OvsdbNamedUuid(uuidName);
        this.CheckTable(table, nameof(table));
        this.CheckRow(table, row, forInsert: true);
        if (!this.definedNames.Add(name.Name))
        {
            throw new ArgumentException($"The named-uuid '{name.Name}' is already used by another insert in this transaction.", nameof(uuidName));
        }

        this.Add(new InsertOperation(table, row, name));
        return name;
    }

    /// <summary>Adds an <c>update</c> of the rows matching <paramref name="where"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="where">The conditions (all must hold; empty matches every row).</param>
    /// <param name="row">The columns to set.</param>
    /// <returns>This transaction.</returns>
    public OvsdbTransaction Update(string table, IReadOnlyList<OvsdbCondition> where, OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        this.CheckTable(table, nameof(table));
        this.CheckConditions(table, where);
        this.CheckRow(table, row, forInsert: false);
        return this.Add(new UpdateOperation(table, where, row));
    }

    /// <summary>Adds a <c>mutate</c> of the rows matching <paramref name="where"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="where">The conditions.</param>
    /// <param name="mutations">The mutations, for example <c>bridges insert [named-uuid]</c>.</param>
    /// <returns>This transaction.</returns>
    public OvsdbTransaction Mutate(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyList<OvsdbMutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        this.CheckTable(table, nameof(table));
        this.CheckConditions(table, where);
        foreach (OvsdbMutation mutation in mutations)
        {
            this.CheckColumn(table, mutation?.Column ?? throw new ArgumentException("A mutation is null.", nameof(mutations)), nameof(mutations));
        }

        return this.Add(new MutateOperation(table, where, mutations));
    }

    /// <summary>Adds a <c>delete</c> of the rows matching <paramref name="where"/>.</summary>
    /// <param name="table">The table.</param>
    /// <param name="where">The conditions.</param>
    /// <returns>This transaction.</returns>
    public OvsdbTransaction Delete(string table, IReadOnlyList<OvsdbCondition> where)
    {
        this.CheckTable(table, nameof(table));
        this.CheckConditions(table, where);
        return this.Add(new DeleteOperation(table, where));
    }

    /// <summary>Adds a <c>select</c>; its rows are in the committed result at the returned index.</summary>
    /// <param name="table">The table.</param>
    /// <param name="where">The conditions.</param>
    /// <param name="columns">The columns to return; null for all.</param>
    /// <returns>The operation's index in <see cref="OvsdbTransactResult.Results"/>.</returns>
    public int Select(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyList<string>? columns = null)
    {
        this.CheckTable(table, nameof(table));
        this.CheckConditions(table, where);
        this.CheckColumns(table, columns);
        this.Add(new SelectOperation(table, where, columns));
        return this.operations.Count - 1;
    }

    /// <summary>
    /// Adds a <c>wait</c>: the transaction proceeds only when the selected rows equal (or differ from)
    /// <paramref name="rows"/>, waiting up to <paramref name="timeout"/> (zero makes it an optimistic-concurrency check).
    /// </summary>
    /// <param name="table">The table.</param>
    /// <param name="where">The conditions selecting rows.</param>
    /// <param name="rows">The expected rows.</param>
    /// <param name="until">Equal or not equal.</param>
    /// <param name="timeout">How long the server may wait; always sent (a wait without timeout blocks forever).</param>
    /// <param name="columns">The columns compared; null for those in <paramref name="rows"/>.</param>
    /// <returns>This transaction.</returns>
    public OvsdbTransaction Wait(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyList<OvsdbRow> rows, WaitUntil until, TimeSpan timeout, IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        this.CheckTable(table, nameof(table));
        this.CheckConditions(table, where);
        this.CheckColumns(table, columns);
        foreach (OvsdbRow row in rows)
        {
            this.CheckRow(table, row ?? throw new ArgumentException("A row is null.", nameof(rows)), forInsert: false);
        }

        return this.Add(new WaitOperation(table, where, rows, until, timeout, columns));
    }

    /// <summary>Adds a <c>comment</c>, which ovsdb-server writes to its log with the transaction.</summary>
    /// <param name="comment">The text.</param>
    /// <returns>This transaction.</returns>
    public OvsdbTransaction Comment(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        return this.Add(new CommentOperation(comment));
    }

    /// <summary>
    /// Adds an <c>abort</c> (RFC 7047 §5.2.11): the transaction fails when the server reaches it, and nothing of it is
    /// committed. <see cref="CommitAsync"/> then throws <see cref="OvsdbTransactionException"/> with
    /// <see cref="OvsdbTransactionException.Operation"/> <see cref="OvsdbOperationKind.Abort"/>,
    /// <see cref="OvsdbTransactionException.ErrorKind"/> <see cref="OvsdbErrorKind.Aborted"/> and
    /// <see cref="OvsdbTransactionException.FailedIndex"/> the index of the abort, like any other failed operation;
    /// an operation before it that failed is reported instead. Useful to run checks (<c>wait</c>, <c>select</c>)
    /// without committing anything.
    /// </summary>
    /// <returns>This transaction.</returns>
    public OvsdbTransaction Abort() => this.Add(new AbortOperation());

    /// <summary>Adds an <c>assert</c>: the transaction fails with <c>not owner</c> unless this client holds the lock.</summary>
    /// <param name="lockName">The lock name.</param>
    /// <returns>This transaction.</returns>
    public OvsdbTransaction Assert(string lockName)
    {
        OvsdbNames.ThrowIfNotId(lockName, "lock", nameof(lockName));
        return this.Add(new AssertOperation(lockName));
    }

    /// <summary>Sends the transaction. It can be committed once.</summary>
    /// <param name="cancellationToken">Cancels the call (the RFC <c>cancel</c> is sent; whether it committed is then unknown).</param>
    /// <returns>The result of every operation (uuids of inserted rows, selected rows, counts).</returns>
    /// <exception cref="ArgumentException">
    /// A named-uuid is used but no insert of this transaction defines it, or, with schema validation on, an operation
    /// does not fit the schema (nothing is sent but the <c>get_schema</c> that fetched it).
    /// </exception>
    /// <exception cref="OvsdbTransactionException">An operation or the commit failed; nothing was committed.</exception>
    public Task<OvsdbTransactResult> CommitAsync(CancellationToken cancellationToken = default)
    {
        if (this.committed)
        {
            throw new InvalidOperationException("This transaction was already committed; create a new one.");
        }

        if (this.operations.Count == 0)
        {
            throw new InvalidOperationException("The transaction has no operations.");
        }

        NamedUuidCheck.ThrowIfUndefined(this.operations, this.definedNames);
        this.committed = true;
        OvsdbOperation[] operations = this.Durable ? [.. this.operations, new CommitOperation(durable: true)] : [.. this.operations];
        return this.schema is null && this.validateOnCommit
            ? this.ValidateAndCommitAsync(operations, cancellationToken)
            : this.client.TransactAsync(this.Database, operations, cancellationToken);
    }

    private async Task<OvsdbTransactResult> ValidateAndCommitAsync(OvsdbOperation[] operations, CancellationToken cancellationToken)
    {
        DatabaseSchema? schema = await this.client.GetSchemaForValidationAsync(this.Database, cancellationToken).ConfigureAwait(false);
        if (schema is not null)
        {
            this.schema = schema;
            foreach (OvsdbOperation operation in operations)
            {
                this.CheckAgainstSchema(operation);
            }
        }

        return await this.client.TransactAsync(this.Database, operations, cancellationToken).ConfigureAwait(false);
    }

    private void CheckAgainstSchema(OvsdbOperation operation)
    {
        switch (operation)
        {
            case InsertOperation insert:
                this.CheckTable(insert.Table, "table");
                this.CheckRow(insert.Table, insert.Row, forInsert: true);
                break;
            case UpdateOperation update:
                this.CheckTable(update.Table, "table");
                this.CheckConditions(update.Table, update.Where);
                this.CheckRow(update.Table, update.Row, forInsert: false);
                break;
            case MutateOperation mutate:
                this.CheckTable(mutate.Table, "table");
                this.CheckConditions(mutate.Table, mutate.Where);
                foreach (OvsdbMutation mutation in mutate.Mutations)
                {
                    this.CheckColumn(mutate.Table, mutation.Column, "mutations");
                }

                break;
            case DeleteOperation delete:
                this.CheckTable(delete.Table, "table");
                this.CheckConditions(delete.Table, delete.Where);
                break;
            case SelectOperation select:
                this.CheckTable(select.Table, "table");
                this.CheckConditions(select.Table, select.Where);
                this.CheckColumns(select.Table, select.Columns);
                break;
            case WaitOperation wait:
                this.CheckTable(wait.Table, "table");
                this.CheckConditions(wait.Table, wait.Where);
                this.CheckColumns(wait.Table, wait.Columns);
                foreach (OvsdbRow row in wait.Rows)
                {
                    this.CheckRow(wait.Table, row, forInsert: false);
                }

                break;
        }
    }

    private OvsdbTransaction Add(OvsdbOperation operation)
    {
        if (this.committed)
        {
            throw new InvalidOperationException("This transaction was already committed; create a new one.");
        }

        this.operations.Add(operation);
        return this;
    }

    private void CheckTable(string table, string parameterName)
    {
        OvsdbNames.ThrowIfNotId(table, "table", parameterName);
        this.schema?.GetTable(table);
    }

    private void CheckColumn(string table, string column, string parameterName)
    {
        if (this.schema is not null && !this.schema.GetTable(table).TryGetColumn(column, out _))
        {
            throw new ArgumentException($"Table {table} of {this.Database} has no column '{column}'.", parameterName);
        }
    }

    private void CheckColumns(string table, IReadOnlyList<string>? columns)
    {
        foreach (string column in columns ?? [])
        {
            this.CheckColumn(table, column, nameof(columns));
        }
    }

    private void CheckConditions(string table, IReadOnlyList<OvsdbCondition> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        foreach (OvsdbCondition condition in where)
        {
            ArgumentNullException.ThrowIfNull(condition, nameof(where));
            if (condition.Constant is null)
            {
                this.CheckColumn(table, condition.Column, nameof(where));
            }
        }
    }

    private void CheckRow(string table, OvsdbRow row, bool forInsert) => this.schema?.ValidateRow(table, row, forInsert);
}
