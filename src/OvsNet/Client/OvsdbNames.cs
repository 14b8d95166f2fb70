namespace OvsNet.Client;

/// <summary>Checks names against RFC 7047's <c>&lt;id&gt;</c> syntax before anything is sent.</summary>
internal static class OvsdbNames
{
    /// <summary>True for <c>[a-zA-Z_][a-zA-Z0-9_]*</c>.</summary>
    public static bool IsId(string? name)
    {
        if (string.IsNullOrEmpty(name) || !(char.IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is an RFC 7047 id.</summary>
    public static void ThrowIfNotId(string? name, string what, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(name, parameterName);
        if (!IsId(name))
        {
            throw new ArgumentException($"'{name}' is not a valid {what} name (RFC 7047 <id>: a letter or '_', then letters, digits or '_').", parameterName);
        }
    }
}
