using OvsNet.Protocol;

namespace OvsNet;

/// <summary>Checks names against RFC 7047's <c>&lt;id&gt;</c> syntax before anything is sent.</summary>
internal static class OvsdbNames
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is an RFC 7047 id (<see cref="OvsdbNamedUuid.IsValidName"/>).</summary>
    public static void ThrowIfNotId(string? name, string what, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!OvsdbNamedUuid.IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid {what} name (RFC 7047 <id>: a letter or '_', then letters, digits or '_').", parameterName);
        }
    }
}
