namespace OvsNet.Tool.Specs;

/// <summary>One problem in a spec file, where it is and how to fix it.</summary>
/// <param name="File">The file.</param>
/// <param name="Line">The line (1-based).</param>
/// <param name="Column">The column (1-based).</param>
/// <param name="Message">What is wrong and how to fix it.</param>
internal sealed record SpecDiagnostic(string File, int Line, int Column, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => $"{this.File}:{this.Line}:{this.Column}: error: {this.Message}";
}
