using System.Globalization;
using OvsNet.Generators.Model;

namespace OvsNet.Generators.Emit;

/// <summary>
/// Emits a table's metadata part: its name, its <c>TableSchema</c> (built with OvsNet.Protocol's own types, so the
/// constraints can validate rows and be compared with a server's schema) and typed column descriptors.
/// </summary>
internal static class MetadataEmitter
{
    public static string Emit(SchemaModel schema, TableModel table)
    {
        string ns = schema.Namespace;
        string self = $"global::{ns}.{table.ClassName}";
        var w = new CodeWriter().Header(ns);
        w.Open($"public sealed partial record {table.ClassName}");
        w.Line($"/// <summary>Gets the OVSDB table name, <c>{table.Name}</c>.</summary>");
        w.Line($"public static string TableName => {TypeMap.Literal(table.Name)};");
        w.Line();
        w.Line($"/// <summary>Gets the <c>{table.Name}</c> table as the schema the model was generated from defines it: columns, types, constraints, indexes.</summary>");
        w.Line($"public static {TypeMap.Protocol}TableSchema TableSchema {{ get; }} = new {TypeMap.Protocol}TableSchema(");
        w.Indent();
        w.Line(TypeMap.Literal(table.Name) + ",");
        w.Line($"new {TypeMap.Protocol}ColumnSchema[]");
        w.Line("{").Indent();
        foreach (ColumnModel c in table.Columns)
        {
            w.Line($"new({TypeMap.Literal(c.Name)}, {ColumnType(c.Type)}, ephemeral: {Bool(c.Ephemeral)}, mutable: {Bool(c.Mutable)}),");
        }

        w.Outdent().Line("},");
        string indexes = table.Indexes.Count == 0
            ? "null"
            : "new global::System.Collections.Generic.IReadOnlyList<string>[] { " + string.Join(", ", table.Indexes.Select(i => "new string[] { " + string.Join(", ", i.Columns.Select(TypeMap.Literal)) + " }")) + " }";
        w.Line($"maxRows: {(table.MaxRows is long m ? TypeMap.Integer(m) : "null")},");
        w.Line($"isRoot: {Bool(table.IsRoot)},");
        w.Line($"indexes: {indexes});");
        w.Outdent();

        EmitColumns(w, ns, self, table);
        w.Close();
        return w.ToString();
    }

    private static void EmitColumns(CodeWriter w, string ns, string self, TableModel table)
    {
        w.Line();
        w.Line($"/// <summary>Typed descriptors of the <c>{table.Name}</c> columns: conditions, mutations and the columns of a partial update.</summary>");
        w.Open("public static class Columns");
        bool first = true;
        foreach (ColumnModel c in table.Columns)
        {
            if (!first)
            {
                w.Line();
            }

            first = false;
            ColumnTypeModel t = c.Type;
            string name = TypeMap.Literal(c.Name);
            string declaration = t.Shape switch
            {
                ColumnShape.Set => $"{TypeMap.Mapping}OvsdbSetColumn<{self}, {TypeMap.Atom(t.Key, ns)}> {c.PropertyName} {{ get; }} = new({name}, {TypeMap.Writer(t.Key, ns)});",
                ColumnShape.Map => $"{TypeMap.Mapping}OvsdbMapColumn<{self}, {TypeMap.Atom(t.Key, ns)}, {TypeMap.Atom(t.Value!, ns)}> {c.PropertyName} {{ get; }} = new({name}, {TypeMap.Writer(t.Key, ns)}, {TypeMap.Writer(t.Value!, ns)});",
                ColumnShape.Optional when t.Key.Type == AtomKind.String && t.Key.EnumTypeName is null =>
                    $"{TypeMap.Mapping}OvsdbColumn<{self}, string?> {c.PropertyName} {{ get; }} = new({name}, static value => {TypeMap.Mapping}OvsdbAtomConvert.WriteOptionalString(value));",
                ColumnShape.Optional =>
                    $"{TypeMap.Mapping}OvsdbColumn<{self}, {TypeMap.Atom(t.Key, ns)}?> {c.PropertyName} {{ get; }} = new({name}, static value => {TypeMap.Mapping}OvsdbAtomConvert.WriteOptional(value, {TypeMap.Writer(t.Key, ns)}));",
                _ => $"{TypeMap.Mapping}OvsdbColumn<{self}, {TypeMap.Atom(t.Key, ns)}> {c.PropertyName} {{ get; }} = new({name}, static value => {TypeMap.Writer(t.Key, ns)}(value));",
            };
            w.Line($"/// <summary>Gets the <c>{c.Name}</c> column.</summary>");
            w.Line("public static " + declaration);
        }

        w.Close();
    }

    private static string ColumnType(ColumnTypeModel type) =>
        $"new {TypeMap.Protocol}ColumnType({BaseType(type.Key)}, {(type.Value is null ? "null" : BaseType(type.Value))}, {type.Min.ToString(CultureInfo.InvariantCulture)}, {(type.Max is long max ? TypeMap.Integer(max) : "null")})";

    private static string BaseType(BaseTypeModel type)
    {
        var args = new List<string> { $"{TypeMap.Protocol}OvsdbAtomType.{type.Type}" };
        if (type.HasEnum)
        {
            args.Add($"@enum: new {TypeMap.Protocol}OvsdbAtom[] {{ {string.Join(", ", type.Enum.Select(v => Atom(type.Type, v)))} }}");
        }

        Add(args, "minInteger", type.MinInteger is long a ? TypeMap.Integer(a) : null);
        Add(args, "maxInteger", type.MaxInteger is long b ? TypeMap.Integer(b) : null);
        Add(args, "minReal", type.MinReal is double c ? TypeMap.Real(c) : null);
        Add(args, "maxReal", type.MaxReal is double d ? TypeMap.Real(d) : null);
        Add(args, "minLength", type.MinLength is long e ? TypeMap.Integer(e) : null);
        Add(args, "maxLength", type.MaxLength is long f ? TypeMap.Integer(f) : null);
        Add(args, "refTable", type.RefTable is string r ? TypeMap.Literal(r) : null);
        Add(args, "refType", type.WeakRef ? $"{TypeMap.Protocol}RefType.Weak" : null);
        return $"new {TypeMap.Protocol}BaseType({string.Join(", ", args)})";
    }

    private static void Add(List<string> args, string name, string? value)
    {
        if (value is not null)
        {
            args.Add($"{name}: {value}");
        }
    }

    private static string Atom(AtomKind type, string text) => type switch
    {
        AtomKind.Integer => $"{TypeMap.Protocol}OvsdbAtom.Integer({text}L)",
        AtomKind.Real => $"{TypeMap.Protocol}OvsdbAtom.Real({text}D)",
        AtomKind.Boolean => $"{TypeMap.Protocol}OvsdbAtom.Boolean({text})",
        AtomKind.String => $"{TypeMap.Protocol}OvsdbAtom.String({TypeMap.Literal(text)})",
        _ => $"{TypeMap.Protocol}OvsdbAtom.Uuid({TypeMap.Protocol}OvsdbUuid.Parse({TypeMap.Literal(text)}))",
    };

    private static string Bool(bool value) => value ? "true" : "false";
}
