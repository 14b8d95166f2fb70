namespace OvsNet.Generators.Model;

/// <summary>
/// One schema AdditionalFile reduced to equatable inputs: path, text and the namespace to generate into. Keeping the
/// text (not the AdditionalText; null if unreadable) makes an unchanged file compare equal across runs, so later steps stay cached.
/// </summary>
internal sealed record SchemaFile(string Path, string? Text, string? ExplicitNamespace, string? RootNamespace);
