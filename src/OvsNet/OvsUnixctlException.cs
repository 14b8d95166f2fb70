namespace OvsNet;

/// <summary>
/// An Open vSwitch daemon's unixctl server answered a command with an error: the command is unknown, its arguments are
/// wrong, or it failed (for example <c>ovs/route/del</c> of a missing route answers <c>Not found</c>). This is what
/// <c>ovs-appctl</c> prints before "server returned an error".
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsUnixctlException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsUnixctlException"/> class.</summary>
    public OvsUnixctlException()
        : this("The unixctl command failed.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsUnixctlException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public OvsUnixctlException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsUnixctlException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying cause.</param>
    public OvsUnixctlException(string message, Exception? innerException)
        : base(message, innerException)
    {
        this.Command = string.Empty;
        this.Arguments = [];
        this.ServerError = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OvsUnixctlException"/> class from a daemon's error reply.</summary>
    /// <param name="command">The command, for example <c>ovs/route/del</c>.</param>
    /// <param name="arguments">Its arguments.</param>
    /// <param name="serverError">The daemon's error text (trailing newline removed).</param>
    /// <param name="innerException">The RPC error it came from.</param>
    public OvsUnixctlException(string command, IReadOnlyList<string> arguments, string serverError, Exception? innerException)
        : base(FormatMessage(command, arguments, serverError), innerException)
    {
        this.Command = command;
        this.Arguments = [.. arguments];
        this.ServerError = serverError;
    }

    /// <summary>Gets the command that failed.</summary>
    public string Command { get; }

    /// <summary>Gets the command's arguments.</summary>
    public IReadOnlyList<string> Arguments { get; }

    /// <summary>Gets the daemon's error text, for example <c>Not found</c>.</summary>
    public string ServerError { get; }

    private static string FormatMessage(string command, IReadOnlyList<string> arguments, string serverError)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        string line = arguments.Count == 0 ? command : command + " " + string.Join(' ', arguments);
        return $"{line} failed: {serverError}";
    }
}
