using OvsNet.Generators.Model;

namespace OvsNet.Generators.Emit;

/// <summary>Emits a C# enum for a string column with an enum constraint.</summary>
internal static class EnumEmitter
{
    public static string Emit(string ns, TableModel table, ColumnModel column, BaseTypeModel type)
    {
        var w = new CodeWriter().Header(ns);
        w.Line($"/// <summary>The values of the OVSDB column <c>{table.Name}.{column.Name}</c>; each member carries its wire string in <see cref=\"global::OvsNet.Mapping.OvsdbEnumValueAttribute\"/>.</summary>");
        w.Open($"public enum {type.EnumTypeName}");
        w.Line("/// <summary>Not set, or a value this model does not know (a server with a newer schema). Never written to OVSDB.</summary>");
        w.Line("Unknown = 0,");
        int value = 1;
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            w.Line();
            w.Line($"/// <summary>The value <c>{TypeMap.Xml(member.Wire)}</c>.</summary>");
            w.Line($"[global::OvsNet.Mapping.OvsdbEnumValue({TypeMap.Literal(member.Wire)})]");
            w.Line($"{member.Name} = {value++},");
        }

        w.Close();
        return w.ToString();
    }

    /// <summary>Writes the private wire conversions of one enum into the model that uses it.</summary>
    public static void EmitConversions(CodeWriter w, string ns, BaseTypeModel type)
    {
        string e = $"global::{ns}.{type.EnumTypeName}";
        w.Line();
        w.Line($"private static {e} Read{type.EnumTypeName}({TypeMap.Protocol}OvsdbAtom atom) => atom.AsString() switch");
        w.Line("{").Indent();
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            w.Line($"{TypeMap.Literal(member.Wire)} => {e}.{member.Name},");
        }

        // A string a newer server added is kept as Unknown rather than failing the whole row (schema skew).
        w.Line($"_ => {e}.Unknown,");
        w.Outdent().Line("};");
        w.Line();
        w.Line($"private static {TypeMap.Protocol}OvsdbAtom Write{type.EnumTypeName}({e} value) => value switch");
        w.Line("{").Indent();
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            w.Line($"{e}.{member.Name} => {TypeMap.Protocol}OvsdbAtom.String({TypeMap.Literal(member.Wire)}),");
        }

        w.Line($"_ => throw new global::System.ArgumentOutOfRangeException(nameof(value), value, \"{type.EnumTypeName}.Unknown or an undefined value cannot be written to OVSDB.\"),");
        w.Outdent().Line("};");
    }
}
