namespace OvsNet.Generators.Model;

/// <summary>A column: the OVSDB name, the C# property name derived from it, its type and flags.</summary>
internal sealed record ColumnModel(string Name, string PropertyName, ColumnTypeModel Type, bool Ephemeral, bool Mutable);
