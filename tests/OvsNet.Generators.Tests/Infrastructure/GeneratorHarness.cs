using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace OvsNet.Generators.Tests.Infrastructure;

/// <summary>Runs <see cref="OvsdbModelGenerator"/> in-process over a compilation that references the real OvsNet assemblies.</summary>
internal static class GeneratorHarness
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    private static readonly Lazy<ImmutableArray<MetadataReference>> References = new(() =>
    {
        // The test host's trusted platform assemblies include the BCL and every assembly the test references (OvsNet,
        // OvsNet.Protocol): the generated code compiles against exactly what ships.
        string tpa = (string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!;
        return [.. tpa.Split(Path.PathSeparator).Where(p => p.Length > 0).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    });

    public static string SchemaPath(string fileName) => Path.Combine(AppContext.BaseDirectory, "Schemas", fileName);

    public static CSharpCompilation CreateCompilation(params string[] sources) =>
        CSharpCompilation.Create(
            "GeneratorTestAssembly",
            sources.Select(s => CSharpSyntaxTree.ParseText(s, ParseOptions)),
            References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(IEnumerable<AdditionalText> files, string? rootNamespace = "TestApp", IReadOnlyDictionary<string, string>? namespaces = null) =>
        CSharpGeneratorDriver.Create(
            [new OvsdbModelGenerator().AsSourceGenerator()],
            files,
            ParseOptions,
            new TestOptionsProvider(rootNamespace, namespaces ?? new Dictionary<string, string>()),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));

    /// <summary>Generates from one schema text and returns the result for that one generator.</summary>
    public static GeneratorRunResult Run(string schemaText, string path = "/src/test.ovsschema", string? ns = null)
    {
        var file = new TestAdditionalText(path, schemaText);
        GeneratorDriver driver = CreateDriver([file], namespaces: ns is null ? null : new Dictionary<string, string> { [path] = ns });
        return driver.RunGenerators(CreateCompilation()).GetRunResult().Results.Single();
    }

    /// <summary>Generates from a schema and compiles the result; returns the compilation's diagnostics (all severities).</summary>
    public static (GeneratorRunResult Run, ImmutableArray<Diagnostic> Diagnostics) RunAndCompile(string schemaText, string? ns = null, params string[] userSources)
    {
        const string path = "/src/test.ovsschema";
        var file = new TestAdditionalText(path, schemaText);
        GeneratorDriver driver = CreateDriver([file], namespaces: ns is null ? null : new Dictionary<string, string> { [path] = ns });
        driver = driver.RunGeneratorsAndUpdateCompilation(CreateCompilation(userSources), out Compilation output, out _);
        ImmutableArray<Diagnostic> diagnostics = [.. output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
        return (driver.GetRunResult().Results.Single(), diagnostics);
    }
}
