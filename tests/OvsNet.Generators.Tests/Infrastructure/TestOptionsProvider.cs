using System.Diagnostics.CodeAnalysis;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace OvsNet.Generators.Tests.Infrastructure;

/// <summary>Stands in for the options MSBuild passes: RootNamespace and per-file OvsdbNamespace metadata.</summary>
internal sealed class TestOptionsProvider(string? rootNamespace, IReadOnlyDictionary<string, string> namespaceByPath) : AnalyzerConfigOptionsProvider
{
    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(rootNamespace is null ? [] : new() { ["build_property.RootNamespace"] = rootNamespace });

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => new Options([]);

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) =>
        new Options(namespaceByPath.TryGetValue(textFile.Path, out string? ns) ? new() { ["build_metadata.AdditionalFiles.OvsdbNamespace"] = ns } : []);

    private sealed class Options(Dictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, [NotNullWhen(true)] out string? value) => values.TryGetValue(key, out value);
    }
}
