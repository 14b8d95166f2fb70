using System.Globalization;
using Microsoft.CodeAnalysis;
using OvsNet.Generators.Diagnostics;
using OvsNet.Generators.Json;

namespace OvsNet.Generators.Parsing;

/// <summary>Typed access to schema JSON members; every failure names the member and points at the offending value.</summary>
internal static class JsonRead
{
    public static SchemaException Fail(DiagnosticDescriptor descriptor, JsonNode at, string message) =>
        new(descriptor, at.Start, at.Length, message);

    public static SchemaException Fail(DiagnosticDescriptor descriptor, JsonMember at, string message) =>
        new(descriptor, at.NameStart, at.NameLength, message);

    public static void RequireKind(JsonNode node, JsonKind kind, string what)
    {
        if (node.Kind != kind)
        {
            string expected = kind switch
            {
                JsonKind.Object => "an object",
                JsonKind.Array => "an array",
                JsonKind.String => "a string",
                _ => "a number",
            };
            throw Fail(GeneratorDiagnostics.InvalidSchema, node, $"{what} must be {expected}, not {node.Describe()}");
        }
    }

    /// <summary>Rejects members the RFC does not define, as ovsdb-server does: a typo such as <c>maxrows</c> must not pass silently.</summary>
    public static void OnlyMembers(JsonNode obj, string what, params string[] allowed)
    {
        foreach (JsonMember member in obj.Members)
        {
            if (Array.IndexOf(allowed, member.Name) < 0)
            {
                throw Fail(GeneratorDiagnostics.InvalidSchema, member, $"{what} has the unknown member \"{member.Name}\" (allowed: {string.Join(", ", allowed)})");
            }
        }
    }

    public static JsonNode Required(JsonNode obj, string name, string what) =>
        obj[name] ?? throw Fail(GeneratorDiagnostics.InvalidSchema, obj, $"{what} lacks the required member \"{name}\"");

    public static string String(JsonNode node, string what)
    {
        RequireKind(node, JsonKind.String, what);
        return node.Text!;
    }

    public static bool Boolean(JsonNode? node, string what, bool fallback)
    {
        if (node is null)
        {
            return fallback;
        }

        return node.Kind switch
        {
            JsonKind.True => true,
            JsonKind.False => false,
            _ => throw Fail(GeneratorDiagnostics.InvalidSchema, node, $"{what} must be true or false, not {node.Describe()}"),
        };
    }

    /// <summary>Reads an integer, accepting an exact real such as <c>1.0</c> as ovsdb-server does.</summary>
    public static bool TryInteger(JsonNode node, out long value)
    {
        value = 0;
        if (node.Kind != JsonKind.Number)
        {
            return false;
        }

        if (long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }

        if (double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d)
            && Math.Floor(d) == d && d >= long.MinValue && d < 9.2233720368547758E18)
        {
            value = (long)d;
            return true;
        }

        return false;
    }

    public static long? Integer(JsonNode? node, DiagnosticDescriptor descriptor, string what)
    {
        if (node is null)
        {
            return null;
        }

        return TryInteger(node, out long value) ? value : throw Fail(descriptor, node, $"{what} must be an integer, not {node.Describe()}");
    }

    public static double? Real(JsonNode? node, DiagnosticDescriptor descriptor, string what)
    {
        if (node is null)
        {
            return null;
        }

        return node.Kind == JsonKind.Number && double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
            && !double.IsInfinity(value)
            ? value
            : throw Fail(descriptor, node, $"{what} must be a number, not {node.Describe()}");
    }

    /// <summary>RFC 7047 &lt;id&gt;: <c>[_a-zA-Z][_a-zA-Z0-9]*</c>.</summary>
    public static bool IsId(string name)
    {
        if (name.Length == 0 || !(IsAsciiLetter(name[0]) || name[0] == '_'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!(IsAsciiLetter(c) || c == '_' || (c >= '0' && c <= '9')))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAsciiLetter(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
