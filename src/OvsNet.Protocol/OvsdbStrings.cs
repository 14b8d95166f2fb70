using System.Globalization;
using System.Text;

namespace OvsNet.Protocol;

/// <summary>
/// The one check for text that enters an OVSDB message (string atoms, table and column names, comments): it must be
/// well-formed UTF-16 (no lone surrogate, which has no UTF-8 form and would be replaced by U+FFFD on the wire) and
/// must not contain NUL (ovsdb-server's JSON parser refuses <c>\u0000</c>).
/// </summary>
internal static class OvsdbStrings
{
    /// <summary>The index of the first lone surrogate or NUL in <paramref name="value"/>, or -1.</summary>
    public static int IndexOfInvalid(ReadOnlySpan<char> value)
    {
        int nul = value.IndexOf('\0');
        int limit = nul < 0 ? value.Length : nul;
        int offset = 0;
        while (offset < limit)
        {
            int i = value[offset..limit].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (i < 0)
            {
                break;
            }

            i += offset;
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                offset = i + 2;
                continue;
            }

            return i;
        }

        return nul;
    }

    /// <summary>Throws <see cref="ArgumentException"/> naming the value and the position when <paramref name="value"/> is not valid OVSDB text.</summary>
    public static void Check(string value, string what, string parameterName)
    {
        int index = IndexOfInvalid(value);
        if (index >= 0)
        {
            throw new ArgumentException(Describe(value, index, what), parameterName);
        }
    }

    /// <summary>The message for an invalid character at <paramref name="index"/>.</summary>
    public static string Describe(string value, int index, string what)
    {
        char c = value[index];
        string reason = c == '\0'
            ? "NUL (U+0000), which OVSDB strings cannot contain"
            : string.Create(CultureInfo.InvariantCulture, $"a lone surrogate U+{(int)c:X4}, which is not valid UTF-16 (it has no UTF-8 form and would be stored as U+FFFD)");
        return string.Create(CultureInfo.InvariantCulture, $"The {what} \"{Escape(value)}\" has {reason} at index {index}.");
    }

    /// <summary>The value with control characters and surrogate halves written as <c>\uXXXX</c>, so a message can show it.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length + 8);
        foreach (char c in value)
        {
            if (char.IsControl(c) || char.IsSurrogate(c))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
            else
            {
                text.Append(c);
            }
        }

        return text.ToString();
    }
}
