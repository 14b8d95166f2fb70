using System.Diagnostics.CodeAnalysis;

namespace OvsNet.Mapping;

/// <summary>
/// Maps the members of an enum to and from their OVSDB wire strings, without reflection. The generator implements it
/// for every enum it generates (<c>BridgeFailModeMap</c> for <c>BridgeFailMode</c>: <c>BridgeFailModeMap.ToWire(BridgeFailMode.Secure)</c>
/// is <c>"secure"</c>); implement it on a class of your own to map a hand-written enum the same way, and use
/// <see cref="OvsdbAtomConvert.ReadEnum{TEnum, TMap}"/> and <see cref="OvsdbAtomConvert.WriteEnum{TEnum, TMap}"/> to
/// convert atoms with it.
/// </summary>
/// <typeparam name="TEnum">The enum.</typeparam>
public interface IOvsdbEnumMap<TEnum>
    where TEnum : struct, Enum
{
    /// <summary>Gets the wire string of <paramref name="value"/>.</summary>
    /// <param name="value">The member.</param>
    /// <returns>The wire string, or null for a member without one (a generated enum's <c>Unknown</c>, or an undefined value).</returns>
    static abstract string? ToWire(TEnum value);

    /// <summary>Finds the member whose wire string is <paramref name="wire"/> (compared ordinally).</summary>
    /// <param name="wire">The wire string, for example <c>OpenFlow13</c>.</param>
    /// <param name="value">The member, or <c>default</c> when none matches.</param>
    /// <returns>Whether a member matched.</returns>
    static abstract bool TryParse([NotNullWhen(true)] string? wire, out TEnum value);
}
