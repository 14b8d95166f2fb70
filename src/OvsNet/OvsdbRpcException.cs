using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// ovsdb-server answered a JSON-RPC request with an error (RFC 7047 §4: <c>"error"</c> is a string such as
/// <c>"unknown method"</c> or an object such as <c>{"error":"unknown database","details":...}</c>).
/// Per-operation failures of <c>transact</c> are reported as <see cref="OvsdbTransactionException"/> instead.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsdbRpcException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbRpcException"/> class.</summary>
    public OvsdbRpcException()
    {
        this.Method = string.Empty;
        this.Error = string.Empty;
        this.RawError = "null";
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbRpcException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public OvsdbRpcException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbRpcException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying cause.</param>
    public OvsdbRpcException(string message, Exception? innerException)
        : base(message, innerException)
    {
        this.Method = string.Empty;
        this.Error = string.Empty;
        this.RawError = "null";
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbRpcException"/> class from a server error.</summary>
    /// <param name="method">The JSON-RPC method that failed.</param>
    /// <param name="error">The error name (the string, or the object's <c>error</c> member).</param>
    /// <param name="details">The object's <c>details</c> member, if any.</param>
    /// <param name="rawError">The <c>error</c> member exactly as received, as JSON text.</param>
    public OvsdbRpcException(string method, string error, string? details, string rawError)
        : base(FormatMessage(method, error, details))
    {
        this.Method = method;
        this.Error = error;
        this.ErrorKind = OvsdbErrorNames.Parse(error);
        this.Details = details;
        this.RawError = rawError;
    }

    /// <summary>Gets the JSON-RPC method that failed, for example <c>get_schema</c>.</summary>
    public string Method { get; }

    /// <summary>Gets the error name as the server sent it, for example <c>unknown database</c>.</summary>
    public string Error { get; }

    /// <summary>Gets the error name as an enum (<see cref="OvsdbErrorKind.Unknown"/> for names OvsNet does not know).</summary>
    public OvsdbErrorKind ErrorKind { get; }

    /// <summary>Gets the server's human-readable details, if it sent any.</summary>
    public string? Details { get; }

    /// <summary>Gets the <c>error</c> member exactly as received, as JSON text (a string or an object).</summary>
    public string RawError { get; }

    /// <inheritdoc/>
    public override bool IsTransient => this.ErrorKind == OvsdbErrorKind.NotLeader;

    private static string FormatMessage(string method, string error, string? details)
        => details is null ? $"{method} failed: {error}" : $"{method} failed: {error}: {details}";
}
