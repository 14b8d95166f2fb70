namespace OvsNet.Generators.Model;

/// <summary>A whole database schema ready to emit: the pipeline's cached model for one .ovsschema file.</summary>
internal sealed record SchemaModel(
    string Name,
    string Version,
    string? Cksum,
    string Namespace,
    string DatabaseClassName,
    EquatableArray<TableModel> Tables);
