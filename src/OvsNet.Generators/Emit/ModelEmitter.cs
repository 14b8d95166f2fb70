using OvsNet.Generators.Model;

namespace OvsNet.Generators.Emit;

/// <summary>Emits a table's record: properties, <c>FromRow</c> and <c>ToRow</c>.</summary>
internal static class ModelEmitter
{
    public static string Emit(SchemaModel schema, TableModel table)
    {
        string ns = schema.Namespace;
        string self = $"global::{ns}.{table.ClassName}";
        var w = new CodeWriter().Header(ns);
        w.Line($"/// <summary>A row of the OVSDB table <c>{table.Name}</c> in the <c>{schema.Name}</c> database (schema version {TypeMap.Xml(schema.Version)}).</summary>");
        w.Line("/// <remarks>");
        w.Line($"/// {Remarks(table)} Immutable: change a copy with <c>with</c>. Equality compares every column and the uuid.");
        w.Line("/// </remarks>");
        w.Open($"public sealed partial record {table.ClassName} : {TypeMap.Mapping}IOvsdbModel<{self}>");
        w.Line("/// <summary>Gets the row's <c>_uuid</c>; the all-zero uuid for a row not read from a server.</summary>");
        w.Line($"public {TypeMap.Protocol}OvsdbUuid Uuid {{ get; init; }}");
        foreach (ColumnModel column in table.Columns)
        {
            w.Line();
            w.Line($"/// <summary>Gets the <c>{column.Name}</c> column: {TypeMap.Describe(column.Type)}.{Flags(column)}</summary>");
            string? init = TypeMap.Initializer(column.Type, ns);
            w.Line($"public {TypeMap.Property(column.Type, ns)} {column.PropertyName} {{ get; init; }}{(init is null ? string.Empty : " = " + init + ";")}");
        }

        EmitFromRow(w, ns, self, table);
        EmitToRow(w, ns, table);
        w.Close();
        return w.ToString();
    }

    private static void EmitFromRow(CodeWriter w, string ns, string self, TableModel table)
    {
        w.Line();
        w.Line($"/// <summary>Reads a <c>{table.Name}</c> row; unknown columns are ignored and absent ones get their defaults.</summary>");
        w.Line("/// <param name=\"row\">The row, for example from a select or a monitor update.</param>");
        w.Line("/// <returns>The typed row.</returns>");
        w.Open($"public static {self} FromRow({TypeMap.Protocol}OvsdbRow row)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(row);");
        w.Line($"var reader = new {TypeMap.Mapping}OvsdbRowReader(row, {TypeMap.Literal(table.Name)});");
        w.Line($"return new {self}");
        w.Line("{").Indent();
        w.Line("Uuid = reader.Uuid,");
        foreach (ColumnModel c in table.Columns)
        {
            string name = TypeMap.Literal(c.Name);
            ColumnTypeModel t = c.Type;
            string read = t.Shape switch
            {
                ColumnShape.Scalar => $"reader.Scalar({name}, {TypeMap.Reader(t.Key, ns)}, {TypeMap.ScalarDefault(t.Key, ns)})",
                ColumnShape.Optional when t.Key.Type == AtomKind.String && t.Key.EnumTypeName is null => $"reader.OptionalString({name})",
                ColumnShape.Optional => $"reader.Optional({name}, {TypeMap.Reader(t.Key, ns)})",
                ColumnShape.Set => $"reader.Set({name}, {TypeMap.Reader(t.Key, ns)})",
                _ => $"reader.Map({name}, {TypeMap.Reader(t.Key, ns)}, {TypeMap.Reader(t.Value!, ns)})",
            };
            w.Line($"{c.PropertyName} = {read},");
        }

        w.Outdent().Line("};");
        w.Close();
    }

    private static void EmitToRow(CodeWriter w, string ns, TableModel table)
    {
        w.Line();
        w.Line($"/// <summary>Writes the columns an insert needs: those not at their OVSDB default.</summary>");
        w.Line("/// <returns>The row.</returns>");
        w.Line($"public {TypeMap.Protocol}OvsdbRow ToRow() => this.ToRow({TypeMap.Mapping}OvsdbRowScope.Insert);");
        w.Line();
        w.Line($"/// <summary>Writes the modelled columns of this <c>{table.Name}</c> row that <paramref name=\"scope\"/> selects.</summary>");
        w.Line("/// <param name=\"scope\">Insert (non-default columns), Update (mutable columns) or All.</param>");
        w.Line("/// <returns>The row.</returns>");
        w.Open($"public {TypeMap.Protocol}OvsdbRow ToRow({TypeMap.Mapping}OvsdbRowScope scope)");
        w.Line($"var writer = new {TypeMap.Mapping}OvsdbRowWriter(scope);");
        foreach (ColumnModel c in table.Columns)
        {
            string name = TypeMap.Literal(c.Name);
            string mutable = c.Mutable ? "true" : "false";
            ColumnTypeModel t = c.Type;
            string p = "this." + c.PropertyName;
            string call = t.Shape switch
            {
                ColumnShape.Scalar => $"writer.Scalar({name}, {p}, {TypeMap.ScalarDefault(t.Key, ns)}, {TypeMap.Writer(t.Key, ns)}, mutable: {mutable});",
                ColumnShape.Optional when t.Key.Type == AtomKind.String && t.Key.EnumTypeName is null => $"writer.OptionalString({name}, {p}, mutable: {mutable});",
                ColumnShape.Optional => $"writer.Optional({name}, {p}, {TypeMap.Writer(t.Key, ns)}, mutable: {mutable});",
                ColumnShape.Set => $"writer.Set({name}, {p}, {TypeMap.Writer(t.Key, ns)}, mutable: {mutable});",
                _ => $"writer.Map({name}, {p}, {TypeMap.Writer(t.Key, ns)}, {TypeMap.Writer(t.Value!, ns)}, mutable: {mutable});",
            };
            if (t.Shape is ColumnShape.Scalar or ColumnShape.Optional && t.Key.EnumTypeName is string e)
            {
                // Unknown stands for a value this model cannot name: leaving the column out keeps the server's value.
                w.Open($"if ({p} is not global::{ns}.{e}.Unknown)");
                w.Line(call);
                w.Close();
            }
            else
            {
                w.Line(call);
            }
        }

        w.Line("return writer.ToRow();");
        w.Close();
    }

    private static string Remarks(TableModel table)
    {
        string text = table.IsRoot ? "A root table." : "Not a root table: a row no other row references strongly is deleted by the server.";
        if (table.MaxRows is long max)
        {
            text += $" At most {max} row{(max == 1 ? string.Empty : "s")}.";
        }

        foreach (IndexModel index in table.Indexes)
        {
            text += $" Unique index: ({string.Join(", ", index.Columns.Select(c => "<c>" + c + "</c>"))}).";
        }

        return text;
    }

    private static string Flags(ColumnModel column) =>
        (column.Mutable ? string.Empty : " Immutable: only an insert sets it.") + (column.Ephemeral ? " Ephemeral: not persisted by the server." : string.Empty);
}
