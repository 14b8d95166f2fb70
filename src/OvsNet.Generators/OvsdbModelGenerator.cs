using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using OvsNet.Generators.Diagnostics;
using OvsNet.Generators.Emit;
using OvsNet.Generators.Model;
using OvsNet.Generators.Parsing;

namespace OvsNet.Generators;

/// <summary>
/// Turns every <c>*.ovsschema</c> AdditionalFile into typed OVSDB row models (one record per table), enums for string
/// enum columns and a static database class. The namespace comes from the file's <c>OvsdbNamespace</c> metadata, else
/// <c>&lt;RootNamespace&gt;.Ovsdb.&lt;SchemaName&gt;</c>. Faults in a schema are reported as OVSGEN diagnostics at
/// the line and column of the offending JSON value.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class OvsdbModelGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<string?> rootNamespace = context.AnalyzerConfigOptionsProvider
            .Select(static (options, _) => options.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? ns) && ns.Length > 0 ? ns : null);

        // Each step's output is an equatable record, so a compilation change that leaves the schema files alone (a
        // source edit, another AdditionalFile) stops here as Cached and nothing is re-parsed or re-emitted.
        IncrementalValuesProvider<SchemaFile> files = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".ovsschema", StringComparison.OrdinalIgnoreCase))
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(rootNamespace)
            .Select(static (input, cancellationToken) => ToSchemaFile(input.Left.Left, input.Left.Right, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.SchemaFiles);

        IncrementalValuesProvider<SchemaResult> results = files
            .Select(static (file, _) => Parse(file))
            .WithTrackingName(TrackingNames.SchemaResults);

        context.RegisterSourceOutput(results, static (spc, result) => Emit(spc, result));
    }

    private static SchemaFile ToSchemaFile(AdditionalText file, AnalyzerConfigOptionsProvider options, string? rootNamespace, CancellationToken cancellationToken)
    {
        string? ns = options.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.OvsdbNamespace", out string? value) && !string.IsNullOrWhiteSpace(value)
            ? value.Trim()
            : null;

        string? text = file.GetText(cancellationToken)?.ToString();
        return new SchemaFile(file.Path, text, ns, rootNamespace);
    }

    private static SchemaResult Parse(SchemaFile file)
    {
        if (file.ExplicitNamespace is string ns && !CSharpNames.IsValidNamespace(ns))
        {
            return new SchemaResult(null, new DiagnosticInfo(GeneratorDiagnostics.InvalidNamespace.Id, ns, file.Path, default, default));
        }

        if (file.Text is null)
        {
            return new SchemaResult(null, new DiagnosticInfo(GeneratorDiagnostics.UnreadableFile.Id, string.Empty, file.Path, default, default));
        }

        try
        {
            return new SchemaResult(SchemaParser.Parse(file.Text, file.ExplicitNamespace, file.RootNamespace), null);
        }
        catch (SchemaException ex)
        {
            var span = new TextSpan(ex.Start, ex.Length);
            LinePositionSpan lines = SourceText.From(file.Text).Lines.GetLinePositionSpan(span);
            return new SchemaResult(null, new DiagnosticInfo(ex.Descriptor.Id, ex.Message, file.Path, span, lines));
        }
    }

    private static void Emit(SourceProductionContext context, SchemaResult result)
    {
        if (result.Diagnostic is DiagnosticInfo diagnostic)
        {
            context.ReportDiagnostic(diagnostic.ToDiagnostic());
        }

        if (result.Model is not SchemaModel schema)
        {
            return;
        }

        string prefix = schema.Namespace + ".";
        context.AddSource(prefix + schema.DatabaseClassName + ".g.cs", SourceText.From(DatabaseEmitter.Emit(schema), Encoding.UTF8));
        foreach (TableModel table in schema.Tables)
        {
            context.AddSource(prefix + table.ClassName + ".g.cs", SourceText.From(ModelEmitter.Emit(schema, table), Encoding.UTF8));
            context.AddSource(prefix + table.ClassName + ".Metadata.g.cs", SourceText.From(MetadataEmitter.Emit(schema, table), Encoding.UTF8));
            foreach (ColumnModel column in table.Columns)
            {
                foreach (BaseTypeModel? type in new[] { column.Type.Key, column.Type.Value })
                {
                    if (type?.EnumTypeName is string enumName)
                    {
                        context.AddSource(prefix + enumName + ".g.cs", SourceText.From(EnumEmitter.Emit(schema.Namespace, table, column, type), Encoding.UTF8));
                    }
                }
            }
        }
    }
}
