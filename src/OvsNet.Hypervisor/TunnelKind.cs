namespace OvsNet.Hypervisor;

/// <summary>The encapsulation of a tunnel to a peer host.</summary>
public enum TunnelKind
{
    /// <summary>GRE (<c>type=gre</c>), the tunnel type of the hypervisor scenario and the default.</summary>
    Gre,

    /// <summary>VXLAN (<c>type=vxlan</c>).</summary>
    Vxlan,

    /// <summary>Geneve (<c>type=geneve</c>).</summary>
    Geneve,
}
