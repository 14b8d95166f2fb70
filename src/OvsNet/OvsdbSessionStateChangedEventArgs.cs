
namespace OvsNet;

/// <summary>Describes a change of <see cref="OvsdbSession.State"/>.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbSessionStateChangedEventArgs : EventArgs
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbSessionStateChangedEventArgs"/> class.</summary>
    /// <param name="oldState">The state before.</param>
    /// <param name="newState">The state now.</param>
    /// <param name="endpoint">The member connected to (Connected), being tried or just lost; null when none.</param>
    /// <param name="exception">Why the previous connection or attempt ended, if it failed.</param>
    public OvsdbSessionStateChangedEventArgs(OvsdbSessionState oldState, OvsdbSessionState newState, OvsdbEndpoint? endpoint, Exception? exception)
    {
        this.OldState = oldState;
        this.NewState = newState;
        this.Endpoint = endpoint;
        this.Exception = exception;
    }

    /// <summary>Gets the state before the change.</summary>
    public OvsdbSessionState OldState { get; }

    /// <summary>Gets the state after the change.</summary>
    public OvsdbSessionState NewState { get; }

    /// <summary>Gets the member concerned: the one connected to, being tried, or just lost; null when none.</summary>
    public OvsdbEndpoint? Endpoint { get; }

    /// <summary>Gets why the previous connection or attempt ended, if it failed.</summary>
    public Exception? Exception { get; }
}
