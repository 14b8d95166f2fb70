using OvsNet.Generators.Model;

namespace OvsNet.Generators.Emit;

/// <summary>
/// Emits a C# enum for a string column with an enum constraint, and next to it the class that maps its members to and
/// from their wire strings (<c>IOvsdbEnumMap&lt;TEnum&gt;</c>, by <c>switch</c>: no reflection, trim and AOT safe).
/// </summary>
internal static class EnumEmitter
{
    public static string Emit(string ns, TableModel table, ColumnModel column, BaseTypeModel type)
    {
        string e = $"global::{ns}.{type.EnumTypeName}";
        string map = type.EnumMapName!;
        var w = new CodeWriter().Header(ns);
        w.Line($"/// <summary>The values of the OVSDB column <c>{table.Name}.{column.Name}</c>; <see cref=\"global::{ns}.{map}\"/> maps them to and from their wire strings.</summary>");
        w.Open($"public enum {type.EnumTypeName}");
        w.Line("/// <summary>Not set, or a value this model does not know (a server with a newer schema). Never written to OVSDB.</summary>");
        w.Line("Unknown = 0,");
        int value = 1;
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            w.Line();
            w.Line($"/// <summary>The value <c>{TypeMap.Xml(member.Wire)}</c>.</summary>");
            w.Line($"{member.Name} = {value++},");
        }

        w.Close();
        w.Line();
        w.Line($"/// <summary>The OVSDB wire strings of <see cref=\"{e}\"/> (the column <c>{table.Name}.{column.Name}</c>), compared ordinally.</summary>");
        w.Open($"public sealed class {map} : {TypeMap.Mapping}IOvsdbEnumMap<{e}>");
        w.Open($"private {map}()");
        w.Close();
        w.Line();
        w.Line("/// <summary>Gets the wire string of <paramref name=\"value\"/>.</summary>");
        w.Line("/// <param name=\"value\">The member.</param>");
        w.Line("/// <returns>The wire string, or null for <c>Unknown</c> or an undefined value.</returns>");
        w.Line($"public static string? ToWire({e} value) => value switch");
        w.Line("{").Indent();
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            w.Line($"{e}.{member.Name} => {TypeMap.Literal(member.Wire)},");
        }

        w.Line("_ => null,");
        w.Outdent().Line("};");
        w.Line();
        w.Line("/// <summary>Finds the member whose wire string is <paramref name=\"wire\"/>.</summary>");
        w.Line("/// <param name=\"wire\">The wire string.</param>");
        w.Line("/// <param name=\"value\">The member, or <c>Unknown</c> when none matches.</param>");
        w.Line("/// <returns>Whether a member matched.</returns>");
        w.Open($"public static bool TryParse([global::System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? wire, out {e} value)");
        w.Line("value = wire switch");
        w.Line("{").Indent();
        foreach (EnumMemberModel member in type.EnumMembers)
        {
            w.Line($"{TypeMap.Literal(member.Wire)} => {e}.{member.Name},");
        }

        w.Line($"_ => {e}.Unknown,");
        w.Outdent().Line("};");
        w.Line($"return value != {e}.Unknown;");
        w.Close();
        w.Close();
        return w.ToString();
    }
}
