namespace OvsNet.Generators.Model;

/// <summary>One member of a generated enum: its C# name and the string on the wire.</summary>
internal sealed record EnumMemberModel(string Name, string Wire);
