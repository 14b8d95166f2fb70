using Microsoft.CodeAnalysis;

namespace OvsNet.Generators.Diagnostics;

/// <summary>
/// The generator's diagnostics. Ids are stable and documented in docs/codegen.md: never renumber, only add.
/// Every message is "{0}", the specific fault, because the location already says where.
/// </summary>
internal static class GeneratorDiagnostics
{
    private const string Category = "OvsNet.Generators";

    public static readonly DiagnosticDescriptor MalformedJson = Create("OVSGEN001", "The OVSDB schema is not valid JSON", "The OVSDB schema is not valid JSON: {0}");

    public static readonly DiagnosticDescriptor InvalidSchema = Create("OVSGEN002", "The OVSDB schema is malformed", "The OVSDB schema is malformed: {0}");

    public static readonly DiagnosticDescriptor UnknownType = Create("OVSGEN003", "Unknown OVSDB atomic type", "Unknown OVSDB atomic type: {0}");

    public static readonly DiagnosticDescriptor InvalidMinMax = Create("OVSGEN004", "Invalid min or max in an OVSDB type", "Invalid min/max: {0}");

    public static readonly DiagnosticDescriptor UnknownRefTable = Create("OVSGEN005", "Reference to an unknown table", "Reference to an unknown table: {0}");

    public static readonly DiagnosticDescriptor InvalidConstraint = Create("OVSGEN006", "Invalid constraint in an OVSDB base type", "Invalid constraint: {0}");

    public static readonly DiagnosticDescriptor InvalidIndex = Create("OVSGEN007", "Invalid index in an OVSDB table", "Invalid index: {0}");

    public static readonly DiagnosticDescriptor InvalidNamespace = Create("OVSGEN008", "Invalid OvsdbNamespace", "The OvsdbNamespace '{0}' is not a valid C# namespace");

    public static readonly DiagnosticDescriptor UnreadableFile = Create("OVSGEN009", "The OVSDB schema file cannot be read", "The OVSDB schema file cannot be read");

    private static DiagnosticDescriptor Create(string id, string title, string format) =>
        new(id, title, format, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: "https://github.com/ovsnet/ovsnet/blob/main/docs/codegen.md#diagnostics");

    public static DiagnosticDescriptor ById(string id) => id switch
    {
        "OVSGEN001" => MalformedJson,
        "OVSGEN002" => InvalidSchema,
        "OVSGEN003" => UnknownType,
        "OVSGEN004" => InvalidMinMax,
        "OVSGEN005" => UnknownRefTable,
        "OVSGEN006" => InvalidConstraint,
        "OVSGEN007" => InvalidIndex,
        "OVSGEN008" => InvalidNamespace,
        _ => UnreadableFile,
    };
}
