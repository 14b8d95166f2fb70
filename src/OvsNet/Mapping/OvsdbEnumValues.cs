using System.Reflection;

namespace OvsNet.Mapping;

/// <summary>
/// Converts members of generated enums to and from their OVSDB wire strings, as named by
/// <see cref="OvsdbEnumValueAttribute"/> (for example <c>BridgeFailMode.Secure</c> and <c>"secure"</c>).
/// </summary>
/// <remarks>Thread-safe; the mapping of each enum type is built once.</remarks>
public static class OvsdbEnumValues
{
    /// <summary>Gets the wire string of <paramref name="value"/>.</summary>
    /// <typeparam name="TEnum">A generated enum.</typeparam>
    /// <param name="value">The member.</param>
    /// <returns>The wire string, or null for a member without one (<c>Unknown</c>, or an undefined value).</returns>
    public static string? ToWire<TEnum>(TEnum value)
        where TEnum : struct, Enum
        => Members<TEnum>.ToWire.GetValueOrDefault(value);

    /// <summary>Finds the member whose wire string is <paramref name="wire"/> (compared ordinally).</summary>
    /// <typeparam name="TEnum">A generated enum.</typeparam>
    /// <param name="wire">The wire string, for example <c>OpenFlow13</c>.</param>
    /// <param name="value">The member, or <c>default</c> when none matches.</param>
    /// <returns>Whether a member matched.</returns>
    public static bool TryParse<TEnum>(string? wire, out TEnum value)
        where TEnum : struct, Enum
    {
        if (wire is not null && Members<TEnum>.FromWire.TryGetValue(wire, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    private static class Members<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<TEnum, string> ToWire = typeof(TEnum)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (Field: f, Attribute: f.GetCustomAttribute<OvsdbEnumValueAttribute>()))
            .Where(m => m.Attribute is not null)
            .ToDictionary(m => (TEnum)m.Field.GetValue(null)!, m => m.Attribute!.Value);

        public static readonly Dictionary<string, TEnum> FromWire = ToWire.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
