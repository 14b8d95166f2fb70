using OvsNet.Generators.Model;

namespace OvsNet.Generators.Emit;

/// <summary>Emits the static class describing the whole database: name, version, checksum and schema.</summary>
internal static class DatabaseEmitter
{
    public static string Emit(SchemaModel schema)
    {
        string ns = schema.Namespace;
        var w = new CodeWriter().Header(ns);
        w.Line($"/// <summary>The OVSDB database <c>{schema.Name}</c> as the schema the models were generated from defines it (version {TypeMap.Xml(schema.Version)}).</summary>");
        w.Open($"public static class {schema.DatabaseClassName}");
        w.Line($"/// <summary>The database name, <c>{schema.Name}</c>: pass it to the client's operations.</summary>");
        w.Line($"public const string Name = {TypeMap.Literal(schema.Name)};");
        w.Line();
        w.Line($"/// <summary>The schema version the models were generated from, <c>{TypeMap.Xml(schema.Version)}</c>.</summary>");
        w.Line($"public const string Version = {TypeMap.Literal(schema.Version)};");
        w.Line();
        w.Line("/// <summary>The schema's checksum (<c>cksum</c>), or null if the file has none.</summary>");
        w.Line($"public const string? Cksum = {(schema.Cksum is null ? "null" : TypeMap.Literal(schema.Cksum))};");
        w.Line();
        w.Line("/// <summary>Gets the whole schema, built from the models' table schemas; compare it with a server's using <c>OvsdbSchemaCompatibility.Check</c>.</summary>");
        w.Line($"public static {TypeMap.Protocol}DatabaseSchema Schema {{ get; }} = new {TypeMap.Protocol}DatabaseSchema(");
        w.Indent();
        w.Line("Name,");
        w.Line("Version,");
        w.Line($"new {TypeMap.Protocol}TableSchema[]");
        w.Line("{").Indent();
        foreach (TableModel table in schema.Tables)
        {
            w.Line($"global::{ns}.{table.ClassName}.TableSchema,");
        }

        w.Outdent().Line("},");
        w.Line("Cksum);");
        w.Outdent();
        w.Close();
        return w.ToString();
    }
}
