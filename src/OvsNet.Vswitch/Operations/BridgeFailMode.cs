namespace OvsNet.Vswitch.Operations;

/// <summary>A bridge's <c>fail_mode</c>: what it does while it has no controller connection.</summary>
public enum BridgeFailMode
{
    /// <summary><c>standalone</c>: acts as a normal learning switch.</summary>
    Standalone,

    /// <summary><c>secure</c>: forwards only by the flows already installed.</summary>
    Secure,
}
