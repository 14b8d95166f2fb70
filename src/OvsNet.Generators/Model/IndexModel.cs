namespace OvsNet.Generators.Model;

/// <summary>One index of a table: the columns whose values together are unique.</summary>
internal sealed record IndexModel(EquatableArray<string> Columns);
