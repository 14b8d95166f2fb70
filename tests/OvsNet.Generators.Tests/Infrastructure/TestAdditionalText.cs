using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OvsNet.Generators.Tests.Infrastructure;

/// <summary>An AdditionalFile held in memory.</summary>
internal sealed class TestAdditionalText(string path, string text) : AdditionalText
{
    private readonly SourceText source = SourceText.From(text);

    public override string Path { get; } = path;

    public override SourceText GetText(CancellationToken cancellationToken = default) => this.source;
}
