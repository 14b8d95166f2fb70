using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// A <c>transact</c> reply reported a failed operation (RFC 7047 §4.1.3: the result array holds an error object at
/// the failing index), or a commit-time failure such as a referential integrity violation (an extra element after the
/// last operation). Nothing of the transaction was committed.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsdbTransactionException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbTransactionException"/> class.</summary>
    public OvsdbTransactionException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbTransactionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public OvsdbTransactionException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbTransactionException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying cause.</param>
    public OvsdbTransactionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbTransactionException"/> class from a failed result.</summary>
    /// <param name="database">The database the transaction ran against.</param>
    /// <param name="failedIndex">The index of the failed operation; the operation count for a commit-time failure.</param>
    /// <param name="operation">The failed operation's kind, or null for a commit-time failure.</param>
    /// <param name="table">The failed operation's table, if it has one.</param>
    /// <param name="failure">The error element of the result.</param>
    /// <param name="result">The whole parsed result.</param>
    public OvsdbTransactionException(string database, int failedIndex, OvsdbOperationKind? operation, string? table, OvsdbOperationResult failure, OvsdbTransactResult result)
        : base(FormatMessage(database, failedIndex, operation, table, failure))
    {
        ArgumentNullException.ThrowIfNull(failure);
        this.FailedIndex = failedIndex;
        this.Operation = operation;
        this.Table = table;
        this.Error = failure.Error;
        this.ErrorKind = failure.ErrorKind;
        this.Details = failure.Details;
        this.Result = result;
    }

    /// <summary>Gets the index of the failed operation, or the number of operations for a commit-time failure.</summary>
    public int FailedIndex { get; }

    /// <summary>
    /// Gets the kind of the failed operation (<see cref="OvsdbOperationKind.Wait"/> when a verification found the rows
    /// changed), or null for a commit-time failure, which no operation caused (a referential integrity violation, a
    /// constraint checked at commit): then <see cref="FailedIndex"/> is the number of operations. Also null for an
    /// exception made with one of the standard constructors.
    /// </summary>
    public OvsdbOperationKind? Operation { get; }

    /// <summary>Gets the failed operation's table, or null.</summary>
    public string? Table { get; }

    /// <summary>Gets the error name as the server sent it, for example <c>constraint violation</c>.</summary>
    public string? Error { get; }

    /// <summary>Gets the error name as an enum.</summary>
    public OvsdbErrorKind ErrorKind { get; }

    /// <summary>Gets the server's details, if any.</summary>
    public string? Details { get; }

    /// <summary>Gets the whole result of the transaction (null only for the standard constructors).</summary>
    public OvsdbTransactResult? Result { get; }

    /// <inheritdoc/>
    public override bool IsTransient => this.ErrorKind is OvsdbErrorKind.NotLeader;

    private static string FormatMessage(string database, int index, OvsdbOperationKind? operation, string? table, OvsdbOperationResult failure)
    {
        string where = operation is not { } kind
            ? $"transact on {database} failed at commit (after {index} operations)"
            : $"transact on {database} failed at operation {index} ({OvsdbOperationKinds.ToOp(kind)}{(table is null ? string.Empty : " " + table)})";
        return failure?.Details is null ? $"{where}: {failure?.Error}" : $"{where}: {failure.Error}: {failure.Details}";
    }
}
