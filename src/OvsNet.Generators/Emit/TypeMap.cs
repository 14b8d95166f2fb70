using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using OvsNet.Generators.Model;

namespace OvsNet.Generators.Emit;

/// <summary>The mapping from OVSDB types to C# types, converters, defaults and doc text (the table in docs/codegen.md).</summary>
internal static class TypeMap
{
    public const string Protocol = "global::OvsNet.Protocol.";
    public const string Mapping = "global::OvsNet.Mapping.";
    private const string Convert = Mapping + "OvsdbAtomConvert.";

    public static string Atom(BaseTypeModel type, string ns) => type switch
    {
        { EnumTypeName: string e } => $"global::{ns}.{e}",
        { RefClassName: string r } => $"{Mapping}OvsdbRef<global::{ns}.{r}>",
        _ => type.Type switch
        {
            AtomKind.Integer => "long",
            AtomKind.Real => "double",
            AtomKind.Boolean => "bool",
            AtomKind.String => "string",
            _ => Protocol + "OvsdbUuid",
        },
    };

    public static string Property(ColumnTypeModel type, string ns) => type.Shape switch
    {
        ColumnShape.Scalar => Atom(type.Key, ns),
        ColumnShape.Optional => Atom(type.Key, ns) + "?",
        ColumnShape.Set => $"{Mapping}OvsdbModelSet<{Atom(type.Key, ns)}>",
        _ => $"{Mapping}OvsdbModelMap<{Atom(type.Key, ns)}, {Atom(type.Value!, ns)}>",
    };

    /// <summary>The initializer of a property, or null when the C# default is already the OVSDB default.</summary>
    public static string? Initializer(ColumnTypeModel type, string ns) => type.Shape switch
    {
        ColumnShape.Scalar when type.Key.EnumTypeName is null && type.Key.Type == AtomKind.String => "\"\"",
        ColumnShape.Set => $"{Property(type, ns)}.Empty",
        ColumnShape.Map => $"{Property(type, ns)}.Empty",
        _ => null,
    };

    /// <summary>The OVSDB default of a scalar (RFC 7047: 0, 0.0, false, "", the all-zero uuid), as a C# expression.</summary>
    public static string ScalarDefault(BaseTypeModel type, string ns) => type switch
    {
        { EnumTypeName: string e } => $"global::{ns}.{e}.Unknown",
        { Type: AtomKind.Integer } => "0L",
        { Type: AtomKind.Real } => "0D",
        { Type: AtomKind.Boolean } => "false",
        { Type: AtomKind.String } => "\"\"",
        _ => "default",
    };

    public static string Reader(BaseTypeModel type, string ns) => type switch
    {
        { EnumTypeName: string e, EnumMapName: string m } => $"{Convert}ReadEnum<global::{ns}.{e}, global::{ns}.{m}>",
        { RefClassName: string r } => $"{Convert}ReadRef<global::{ns}.{r}>",
        _ => Convert + "Read" + type.Type,
    };

    public static string Writer(BaseTypeModel type, string ns) => type switch
    {
        { EnumTypeName: string e, EnumMapName: string m } => $"{Convert}WriteEnum<global::{ns}.{e}, global::{ns}.{m}>",
        { RefClassName: string r } => $"{Convert}WriteRef<global::{ns}.{r}>",
        _ => Convert + "Write" + type.Type,
    };

    public static string Literal(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

    public static string Real(double value)
    {
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        return text + "D";
    }

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture) + "L";

    public static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    /// <summary>Describes a column type for XML docs, e.g. "set of 0 or more references to <c>Port</c>".</summary>
    public static string Describe(ColumnTypeModel type)
    {
        string max = type.Max?.ToString(CultureInfo.InvariantCulture) ?? "unlimited";
        return type.Shape switch
        {
            ColumnShape.Scalar => Describe(type.Key),
            ColumnShape.Optional => "optional " + Describe(type.Key),
            ColumnShape.Set => $"set of {type.Min} to {max} {Describe(type.Key)}",
            _ => $"map of {type.Min} to {max} pairs, {Describe(type.Key)} to {Describe(type.Value!)}",
        };
    }

    private static string Describe(BaseTypeModel type)
    {
        string text = type.RefTable is not null
            ? $"{(type.WeakRef ? "weak " : string.Empty)}reference to <c>{type.RefTable}</c>"
            : type.Type.ToString().ToLowerInvariant();
        if (type.HasEnum)
        {
            text += " (one of " + string.Join(", ", type.Enum.Select(v => "<c>" + Xml(v) + "</c>")) + ")";
        }

        text += Range("", type.MinInteger?.ToString(CultureInfo.InvariantCulture), type.MaxInteger?.ToString(CultureInfo.InvariantCulture));
        text += Range("", type.MinReal?.ToString("R", CultureInfo.InvariantCulture), type.MaxReal?.ToString("R", CultureInfo.InvariantCulture));
        text += Range("length ", type.MinLength?.ToString(CultureInfo.InvariantCulture), type.MaxLength?.ToString(CultureInfo.InvariantCulture));
        return text;
    }

    private static string Range(string what, string? min, string? max) => (min, max) switch
    {
        (null, null) => string.Empty,
        (string lo, null) => $" ({what}at least {lo})",
        (null, string hi) => $" ({what}at most {hi})",
        _ => $" ({what}{min} to {max})",
    };
}
