namespace OvsNet.Hypervisor;

/// <summary>The LACP setting of a bonded uplink (<c>lacp</c>).</summary>
public enum UplinkLacp
{
    /// <summary><c>off</c>: no LACP.</summary>
    Off,

    /// <summary><c>active</c>: OvsNet's side starts the negotiation.</summary>
    Active,

    /// <summary><c>passive</c>: negotiates only when the switch starts.</summary>
    Passive,
}
