namespace OvsNet.Generators.Model;

/// <summary>A table: the OVSDB name, the C# class name, its columns and table-level constraints.</summary>
internal sealed record TableModel(
    string Name,
    string ClassName,
    bool IsRoot,
    long? MaxRows,
    EquatableArray<ColumnModel> Columns,
    EquatableArray<IndexModel> Indexes);
