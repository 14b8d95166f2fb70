using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace OvsNet.Generators.Diagnostics;

/// <summary>
/// A diagnostic as plain, equatable data. A <see cref="Diagnostic"/> or <see cref="Location"/> must not flow through the
/// pipeline: they do not compare by value and would defeat caching (roslyn incremental-generators cookbook).
/// </summary>
internal sealed record DiagnosticInfo(string Id, string Argument, string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Diagnostic ToDiagnostic() =>
        Diagnostic.Create(GeneratorDiagnostics.ById(this.Id), Location.Create(this.FilePath, this.Span, this.LineSpan), this.Argument);
}
