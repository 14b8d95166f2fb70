using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace OvsNet.Generators.Parsing;

/// <summary>
/// Derives C# identifiers from OVSDB names, deterministically: the same schema always yields the same API, so a
/// regenerated model never breaks callers. Rules (docs/codegen.md): every run of characters other than letters and
/// digits separates words; each word's first letter is upper-cased and the rest kept (<c>other_config</c> ->
/// <c>OtherConfig</c>, <c>Open_vSwitch</c> -> <c>OpenVSwitch</c>, <c>QoS</c> -> <c>QoS</c>); a leading digit gets an
/// <c>_</c> prefix; an empty result becomes <c>Empty</c>; keywords are escaped with <c>@</c>.
/// </summary>
internal static class CSharpNames
{
    public static string ToPascalCase(string name)
    {
        var sb = new StringBuilder(name.Length);
        bool wordStart = true;
        foreach (char c in name)
        {
            if (!char.IsLetterOrDigit(c) || c > 0x7f)
            {
                wordStart = true;
                continue;
            }

            sb.Append(wordStart ? char.ToUpperInvariant(c) : c);
            wordStart = false;
        }

        if (sb.Length == 0)
        {
            return "Empty";
        }

        if (char.IsDigit(sb[0]))
        {
            sb.Insert(0, '_');
        }

        return EscapeKeyword(sb.ToString());
    }

    /// <summary>Returns <paramref name="candidate"/>, or it with the smallest numeric suffix (2, 3...) not yet used.</summary>
    public static string Unique(string candidate, ISet<string> used)
    {
        string name = candidate;
        for (int i = 2; !used.Add(name); i++)
        {
            name = candidate + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }

    public static string EscapeKeyword(string identifier) =>
        SyntaxFacts.GetKeywordKind(identifier) != SyntaxKind.None
            ? "@" + identifier
            : identifier;

    public static bool IsValidNamespace(string ns)
    {
        if (string.IsNullOrEmpty(ns))
        {
            return false;
        }

        foreach (string part in ns.Split('.'))
        {
            if (!SyntaxFacts.IsValidIdentifier(part) || SyntaxFacts.GetKeywordKind(part) != SyntaxKind.None)
            {
                return false;
            }
        }

        return true;
    }
}
