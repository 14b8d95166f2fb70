namespace OvsNet.Protocol;

/// <summary>What an <see cref="OvsdbValue"/> holds.</summary>
public enum OvsdbValueKind
{
    /// <summary>A bare atom (which OVSDB also reads as a one-element set).</summary>
    Atom,

    /// <summary>A set of atoms.</summary>
    Set,

    /// <summary>A map from atoms to atoms.</summary>
    Map,
}
