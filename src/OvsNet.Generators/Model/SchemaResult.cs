using OvsNet.Generators.Diagnostics;

namespace OvsNet.Generators.Model;

/// <summary>What parsing one schema file produced: a model, or the diagnostic that stopped it.</summary>
internal sealed record SchemaResult(SchemaModel? Model, DiagnosticInfo? Diagnostic);
