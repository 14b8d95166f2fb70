namespace OvsNet;

/// <summary>
/// The server's state does not allow the request: an object it needs does not exist ("there is no bridge named br9"),
/// or one stands in the way (a port on another bridge, a name already used, a port without the owner's mark).
/// <see cref="Table"/> and <see cref="Name"/> name that object. Raised while planning, before anything is written;
/// retrying the same request fails the same way until the state changes.
/// </summary>
/// <remarks>Instances are immutable and thread-safe.</remarks>
public sealed class OvsdbStateConflictException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbStateConflictException"/> class.</summary>
    public OvsdbStateConflictException()
        : this("The server's state does not allow the request.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbStateConflictException"/> class.</summary>
    /// <param name="message">What is in the way.</param>
    public OvsdbStateConflictException(string message)
        : base(message)
    {
        this.Table = string.Empty;
        this.Name = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbStateConflictException"/> class.</summary>
    /// <param name="message">What is in the way.</param>
    /// <param name="innerException">The cause.</param>
    public OvsdbStateConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
        this.Table = string.Empty;
        this.Name = string.Empty;
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbStateConflictException"/> class.</summary>
    /// <param name="table">The table of the object that is missing or in the way, for example <c>Bridge</c>.</param>
    /// <param name="name">The object's name, for example <c>br9</c>.</param>
    /// <param name="message">What is in the way and how to resolve it.</param>
    public OvsdbStateConflictException(string table, string name, string message)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(name);
        this.Table = table;
        this.Name = name;
    }

    /// <summary>Gets the table of the object that is missing or in the way (<c>Bridge</c>, <c>Port</c>...); empty when not known.</summary>
    public string Table { get; }

    /// <summary>Gets the name of that object; empty when not known.</summary>
    public string Name { get; }
}
