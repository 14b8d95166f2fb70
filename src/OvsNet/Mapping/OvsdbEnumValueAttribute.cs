using System.ComponentModel;

namespace OvsNet.Mapping;

/// <summary>The OVSDB wire string of a member of a generated enum (for example <c>"secure"</c>).</summary>
/// <param name="value">The string on the wire.</param>
[EditorBrowsable(EditorBrowsableState.Never)]
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class OvsdbEnumValueAttribute(string value) : Attribute
{
    /// <summary>Gets the string on the wire.</summary>
    public string Value { get; } = value;
}
