namespace OvsNet.Vswitch;

/// <summary>
/// The change was committed and ovs-vswitchd applied the configuration, but it could not set up some of the interfaces
/// the change created or reconfigured (their <c>error</c> column is set or their <c>ofport</c> is -1). This is what
/// <c>ovs-vsctl</c> reports as "Error detected while setting up". The rows stay in the database.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsInterfaceSetupException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsInterfaceSetupException"/> class.</summary>
    public OvsInterfaceSetupException()
        : this("ovs-vswitchd could not set up an interface.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsInterfaceSetupException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public OvsInterfaceSetupException(string message)
        : base(message)
    {
        this.Failures = [];
    }

    /// <summary>Initializes a new instance of the <see cref="OvsInterfaceSetupException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The underlying cause.</param>
    public OvsInterfaceSetupException(string message, Exception? innerException)
        : base(message, innerException)
    {
        this.Failures = [];
    }

    /// <summary>Initializes a new instance of the <see cref="OvsInterfaceSetupException"/> class.</summary>
    /// <param name="failures">The interfaces that failed (at least one).</param>
    /// <param name="result">What the committed change did.</param>
    public OvsInterfaceSetupException(IReadOnlyList<InterfaceFailure> failures, EnsureResult result)
        : base(FormatMessage(failures))
    {
        this.Failures = [.. failures];
        this.Result = result;
    }

    /// <summary>Gets the interfaces that failed, with ovs-vswitchd's error text.</summary>
    public IReadOnlyList<InterfaceFailure> Failures { get; }

    /// <summary>Gets what the committed change did (null only for the standard constructors).</summary>
    public EnsureResult? Result { get; }

    private static string FormatMessage(IReadOnlyList<InterfaceFailure> failures)
    {
        ArgumentNullException.ThrowIfNull(failures);
        return $"ovs-vswitchd could not set up {failures.Count} interface(s) (the change was committed): {string.Join("; ", failures)}";
    }
}
