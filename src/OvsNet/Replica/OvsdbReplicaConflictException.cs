namespace OvsNet.Replica;

/// <summary>
/// An optimistic replica transaction kept conflicting: every attempt's verifying <c>wait</c> failed because another
/// client changed what the function read, and the attempt budget ran out. <see cref="Exception.InnerException"/> is the
/// last attempt's <see cref="OvsdbTransactionException"/>. Nothing was committed.
/// </summary>
public sealed class OvsdbReplicaConflictException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaConflictException"/> class.</summary>
    public OvsdbReplicaConflictException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    public OvsdbReplicaConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaConflictException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The last conflict.</param>
    public OvsdbReplicaConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaConflictException"/> class.</summary>
    /// <param name="attempts">How many attempts were made.</param>
    /// <param name="lastConflict">The last attempt's failure.</param>
    public OvsdbReplicaConflictException(int attempts, OvsdbTransactionException lastConflict)
        : base($"The transaction conflicted with concurrent changes {attempts} time(s) and gave up: {lastConflict?.Message}", lastConflict)
    {
        this.Attempts = attempts;
    }

    /// <summary>Gets how many attempts were made.</summary>
    public int Attempts { get; }

    /// <summary>Gets a value indicating whether retrying later may help (true: it was contention).</summary>
    public override bool IsTransient => true;
}
