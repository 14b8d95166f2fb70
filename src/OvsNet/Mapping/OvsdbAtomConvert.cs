using System.ComponentModel;
using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// Conversions between OVSDB atoms and the C# types of generated models. Generated code passes these as delegates to
/// <see cref="OvsdbRowReader"/> and <see cref="OvsdbRowWriter"/>; they are public because generated code lives in the
/// user's assembly.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class OvsdbAtomConvert
{
    /// <summary>Reads an integer atom (an exact real such as <c>1.0</c> is accepted).</summary>
    /// <param name="atom">The atom.</param>
    /// <returns>The value.</returns>
    public static long ReadInteger(OvsdbAtom atom) => atom.Type == OvsdbAtomType.Real
        ? new BaseType(OvsdbAtomType.Integer).Normalize(atom).AsInteger()
        : atom.AsInteger();

    /// <summary>Reads a real atom (integers are accepted).</summary>
    /// <param name="atom">The atom.</param>
    /// <returns>The value.</returns>
    public static double ReadReal(OvsdbAtom atom) => atom.AsReal();

    /// <summary>Reads a boolean atom.</summary>
    /// <param name="atom">The atom.</param>
    /// <returns>The value.</returns>
    public static bool ReadBoolean(OvsdbAtom atom) => atom.AsBoolean();

    /// <summary>Reads a string atom.</summary>
    /// <param name="atom">The atom.</param>
    /// <returns>The value.</returns>
    public static string ReadString(OvsdbAtom atom) => atom.AsString();

    /// <summary>Reads a uuid atom.</summary>
    /// <param name="atom">The atom.</param>
    /// <returns>The value.</returns>
    public static OvsdbUuid ReadUuid(OvsdbAtom atom) => atom.AsUuid();

    /// <summary>Reads a uuid (or named-uuid) atom as a typed reference.</summary>
    /// <typeparam name="T">The referenced model.</typeparam>
    /// <param name="atom">The atom.</param>
    /// <returns>The reference.</returns>
    public static OvsdbRef<T> ReadRef<T>(OvsdbAtom atom) => atom.IsNamedUuid ? new(atom.AsNamedUuid()) : new(atom.AsUuid());

    /// <summary>Reads a string atom as a member of an enum, through the enum's wire map.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <typeparam name="TMap">Its wire map, for example the generated <c>BridgeFailModeMap</c>.</typeparam>
    /// <param name="atom">The atom.</param>
    /// <returns>The member; <c>default</c> (a generated enum's <c>Unknown</c>) for a string the map does not know, such as one a newer server added.</returns>
    public static TEnum ReadEnum<TEnum, TMap>(OvsdbAtom atom)
        where TEnum : struct, Enum
        where TMap : IOvsdbEnumMap<TEnum>
        => TMap.TryParse(atom.AsString(), out TEnum value) ? value : default;

    /// <summary>Writes an integer.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The atom.</returns>
    public static OvsdbAtom WriteInteger(long value) => OvsdbAtom.Integer(value);

    /// <summary>Writes a real.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The atom.</returns>
    public static OvsdbAtom WriteReal(double value) => OvsdbAtom.Real(value);

    /// <summary>Writes a boolean.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The atom.</returns>
    public static OvsdbAtom WriteBoolean(bool value) => OvsdbAtom.Boolean(value);

    /// <summary>Writes a string.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The atom.</returns>
    public static OvsdbAtom WriteString(string value) => OvsdbAtom.String(value);

    /// <summary>Writes a uuid.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The atom.</returns>
    public static OvsdbAtom WriteUuid(OvsdbUuid value) => OvsdbAtom.Uuid(value);

    /// <summary>Writes a member of an enum as its wire string, through the enum's wire map.</summary>
    /// <typeparam name="TEnum">The enum.</typeparam>
    /// <typeparam name="TMap">Its wire map, for example the generated <c>BridgeFailModeMap</c>.</typeparam>
    /// <param name="value">The member.</param>
    /// <returns>The atom.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> has no wire string (a generated enum's <c>Unknown</c>, or an undefined value).</exception>
    public static OvsdbAtom WriteEnum<TEnum, TMap>(TEnum value)
        where TEnum : struct, Enum
        where TMap : IOvsdbEnumMap<TEnum>
        => TMap.ToWire(value) is string wire
            ? OvsdbAtom.String(wire)
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{typeof(TEnum).Name}.Unknown or an undefined value cannot be written to OVSDB.");

    /// <summary>Writes a typed reference (uuid or named-uuid).</summary>
    /// <typeparam name="T">The referenced model.</typeparam>
    /// <param name="value">The reference.</param>
    /// <returns>The atom.</returns>
    public static OvsdbAtom WriteRef<T>(OvsdbRef<T> value) => value.ToAtom();

    /// <summary>Writes an optional value: the 0- or 1-element set RFC 7047 uses for min 0, max 1 columns.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="value">The value, or null.</param>
    /// <param name="write">Writes one atom.</param>
    /// <returns>The value.</returns>
    public static OvsdbValue WriteOptional<T>(T? value, Func<T, OvsdbAtom> write)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(write);
        return value is T v ? OvsdbSet.Of(write(v)) : OvsdbValue.EmptySet;
    }

    /// <summary>Writes an optional string: the 0- or 1-element set RFC 7047 uses for min 0, max 1 columns.</summary>
    /// <param name="value">The value, or null.</param>
    /// <returns>The value.</returns>
    public static OvsdbValue WriteOptionalString(string? value) => value is null ? OvsdbValue.EmptySet : OvsdbSet.Of(value);

    /// <summary>Writes a set.</summary>
    /// <typeparam name="T">The element type.</typeparam>
    /// <param name="set">The elements.</param>
    /// <param name="write">Writes one atom.</param>
    /// <returns>The value.</returns>
    public static OvsdbValue WriteSet<T>(IEnumerable<T> set, Func<T, OvsdbAtom> write) => new OvsdbSet(set.Select(write));

    /// <summary>Writes a map.</summary>
    /// <typeparam name="TKey">The key type.</typeparam>
    /// <typeparam name="TValue">The value type.</typeparam>
    /// <param name="map">The pairs.</param>
    /// <param name="writeKey">Writes a key.</param>
    /// <param name="writeValue">Writes a value.</param>
    /// <returns>The value.</returns>
    public static OvsdbValue WriteMap<TKey, TValue>(IEnumerable<KeyValuePair<TKey, TValue>> map, Func<TKey, OvsdbAtom> writeKey, Func<TValue, OvsdbAtom> writeValue) =>
        new OvsdbMap(map.Select(p => new KeyValuePair<OvsdbAtom, OvsdbAtom>(writeKey(p.Key), writeValue(p.Value))));
}
