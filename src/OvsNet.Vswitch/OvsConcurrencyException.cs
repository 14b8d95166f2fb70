namespace OvsNet.Vswitch;

/// <summary>
/// Another client changed the rows an operation read, on every one of its attempts
/// (<see cref="OvsVswitchOptions.MaxAttempts"/>): each commit failed its verification (<c>wait</c> ... <c>timed out</c>).
/// Nothing of the operation was committed; retrying later may succeed.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsConcurrencyException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsConcurrencyException"/> class.</summary>
    public OvsConcurrencyException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsConcurrencyException"/> class.</summary>
    /// <param name="message">What failed.</param>
    public OvsConcurrencyException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsConcurrencyException"/> class.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The last verification failure.</param>
    public OvsConcurrencyException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsConcurrencyException"/> class.</summary>
    /// <param name="operation">The operation, for example <c>ensure port gre0 on br0</c>.</param>
    /// <param name="attempts">How many times it was tried.</param>
    /// <param name="innerException">The last verification failure.</param>
    public OvsConcurrencyException(string operation, int attempts, OvsdbTransactionException innerException)
        : base($"{operation}: the rows it read were changed by another client on each of {attempts} attempts; nothing was committed.", innerException)
    {
        this.Attempts = attempts;
    }

    /// <summary>Gets how many times the operation was tried.</summary>
    public int Attempts { get; }

    /// <inheritdoc/>
    public override bool IsTransient => true;
}
