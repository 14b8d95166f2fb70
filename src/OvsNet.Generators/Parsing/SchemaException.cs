using Microsoft.CodeAnalysis;

namespace OvsNet.Generators.Parsing;

/// <summary>A fault in a schema file, with the span of text to report it at. Caught by the generator, never escapes.</summary>
internal sealed class SchemaException : Exception
{
    public SchemaException(DiagnosticDescriptor descriptor, int start, int length, string message)
        : base(message)
    {
        this.Descriptor = descriptor;
        this.Start = start;
        this.Length = length;
    }

    public DiagnosticDescriptor Descriptor { get; }

    public int Start { get; }

    public int Length { get; }
}
