using OvsNet.Generators.Diagnostics;
using OvsNet.Generators.Json;
using OvsNet.Generators.Model;

namespace OvsNet.Generators.Parsing;

/// <summary>Reads an RFC 7047 §3.2 &lt;database-schema&gt; into the pipeline model, then names it for C#.</summary>
internal static class SchemaParser
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="ns"/> null means the default namespace.</summary>
    /// <exception cref="SchemaException">The first fault, with its position.</exception>
    public static SchemaModel Parse(string text, string? ns, string? rootNamespace)
    {
        JsonNode root = JsonParser.Parse(text);
        JsonRead.RequireKind(root, JsonKind.Object, "the schema");
        JsonRead.OnlyMembers(root, "the schema", "name", "version", "cksum", "tables");
        JsonNode nameNode = JsonRead.Required(root, "name", "the schema");
        string name = JsonRead.String(nameNode, "the schema's name");
        if (!JsonRead.IsId(name))
        {
            throw JsonRead.Fail(GeneratorDiagnostics.InvalidSchema, nameNode, $"the schema name \"{name}\" is not an identifier ([_a-zA-Z][_a-zA-Z0-9]*)");
        }

        string version = JsonRead.String(JsonRead.Required(root, "version", "the schema"), "the schema's version");
        string? cksum = root["cksum"] is JsonNode c ? JsonRead.String(c, "the schema's cksum") : null;
        JsonNode tablesNode = JsonRead.Required(root, "tables", "the schema");
        JsonRead.RequireKind(tablesNode, JsonKind.Object, "tables");

        var tableNames = new HashSet<string>(tablesNode.Members.Select(m => m.Name), StringComparer.Ordinal);
        var tables = new List<TableModel>();
        foreach (JsonMember member in tablesNode.Members)
        {
            tables.Add(ParseTable(member, tableNames));
        }

        // ovsdb-server's backward compatibility (ovsdb/ovsdb.c): a schema in which no table is a root table (written before
        // isRoot existed, like _Server) treats every table as root, so no row is garbage-collected.
        if (!tables.Any(t => t.IsRoot))
        {
            tables = [.. tables.Select(t => t with { IsRoot = true })];
        }

        string databaseClass = CSharpNames.ToPascalCase(name).TrimStart('@') + "Database";
        string resolvedNs = ns ?? DefaultNamespace(rootNamespace, name);
        return SchemaNamer.Name(new SchemaModel(name, version, cksum, resolvedNs, databaseClass, new EquatableArray<TableModel>(tables)));
    }

    /// <summary>The default namespace, <c>&lt;RootNamespace&gt;.Ovsdb.&lt;SchemaName&gt;</c>.</summary>
    public static string DefaultNamespace(string? rootNamespace, string schemaName)
    {
        string last = CSharpNames.ToPascalCase(schemaName).TrimStart('@');
        return string.IsNullOrEmpty(rootNamespace) ? "Ovsdb." + last : rootNamespace + ".Ovsdb." + last;
    }

    private static TableModel ParseTable(JsonMember member, ISet<string> tableNames)
    {
        string what = $"table {member.Name}";
        if (!JsonRead.IsId(member.Name) || member.Name[0] == '_')
        {
            throw JsonRead.Fail(GeneratorDiagnostics.InvalidSchema, member, $"the table name \"{member.Name}\" is not an identifier not starting with '_'");
        }

        JsonNode node = member.Value;
        JsonRead.RequireKind(node, JsonKind.Object, what);
        JsonRead.OnlyMembers(node, what, "columns", "maxRows", "isRoot", "indexes");
        JsonNode columnsNode = JsonRead.Required(node, "columns", what);
        JsonRead.RequireKind(columnsNode, JsonKind.Object, what + " columns");
        var columns = new List<ColumnModel>();
        foreach (JsonMember column in columnsNode.Members)
        {
            columns.Add(ParseColumn(member.Name, column, tableNames));
        }

        long? maxRows = JsonRead.Integer(node["maxRows"], GeneratorDiagnostics.InvalidSchema, what + " maxRows");
        if (maxRows < 1)
        {
            throw JsonRead.Fail(GeneratorDiagnostics.InvalidSchema, node["maxRows"]!, $"{what}: maxRows must be at least 1");
        }

        bool isRoot = JsonRead.Boolean(node["isRoot"], what + " isRoot", fallback: false);
        var indexes = new List<IndexModel>();
        if (node["indexes"] is JsonNode indexesNode)
        {
            JsonRead.RequireKind(indexesNode, JsonKind.Array, what + " indexes");
            foreach (JsonNode index in indexesNode.Items)
            {
                indexes.Add(ParseIndex(index, columns, what));
            }
        }

        return new TableModel(member.Name, string.Empty, isRoot, maxRows, new EquatableArray<ColumnModel>(columns), new EquatableArray<IndexModel>(indexes));
    }

    private static ColumnModel ParseColumn(string table, JsonMember member, ISet<string> tableNames)
    {
        string what = $"column {table}.{member.Name}";
        if (!JsonRead.IsId(member.Name) || member.Name[0] == '_')
        {
            throw JsonRead.Fail(GeneratorDiagnostics.InvalidSchema, member, $"the column name \"{member.Name}\" is not an identifier not starting with '_' (those are reserved, RFC 7047 §3.2)");
        }

        JsonNode node = member.Value;
        JsonRead.RequireKind(node, JsonKind.Object, what);
        JsonRead.OnlyMembers(node, what, "type", "ephemeral", "mutable");
        ColumnTypeModel type = TypeParser.ParseType(JsonRead.Required(node, "type", what), what, tableNames);
        bool ephemeral = JsonRead.Boolean(node["ephemeral"], what + " ephemeral", fallback: false);
        bool mutable = JsonRead.Boolean(node["mutable"], what + " mutable", fallback: true);
        return new ColumnModel(member.Name, string.Empty, type, ephemeral, mutable);
    }

    private static IndexModel ParseIndex(JsonNode index, List<ColumnModel> columns, string what)
    {
        JsonRead.RequireKind(index, JsonKind.Array, what + " index");
        if (index.Items.Count == 0)
        {
            throw JsonRead.Fail(GeneratorDiagnostics.InvalidIndex, index, $"{what} has an empty index");
        }

        var names = new List<string>();
        foreach (JsonNode column in index.Items)
        {
            string name = JsonRead.String(column, what + " index column");
            if (name != "_uuid" && !columns.Any(c => c.Name == name))
            {
                throw JsonRead.Fail(GeneratorDiagnostics.InvalidIndex, column, $"{what} has an index on the unknown column \"{name}\"");
            }

            names.Add(name);
        }

        return new IndexModel(new EquatableArray<string>(names));
    }
}
