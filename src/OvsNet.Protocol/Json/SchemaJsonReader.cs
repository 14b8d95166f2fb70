using System.Globalization;
using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>
/// Reads RFC 7047 §3.2 schemas from a <see cref="JsonElement"/>. Schemas are small and read once per connection, so a
/// DOM is fine here; errors name the table and column so a bad schema file is easy to fix.
/// </summary>
internal static class SchemaJsonReader
{
    public static DatabaseSchema ReadDatabase(JsonElement json)
    {
        RequireKind(json, JsonValueKind.Object, "a database schema");
        string name = RequiredString(json, "name", "the database schema");
        string version = RequiredString(json, "version", $"database {name}");
        string? cksum = json.TryGetProperty("cksum", out JsonElement c) ? String(c, $"database {name} cksum") : null;
        if (!json.TryGetProperty("tables", out JsonElement tables) || tables.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Database {name}: 'tables' must be an object.");
        }

        var list = new List<TableSchema>();
        foreach (JsonProperty table in tables.EnumerateObject())
        {
            list.Add(ReadTable(table.Name, table.Value));
        }

        return Wrap(() => new DatabaseSchema(name, version, list, cksum), $"database {name}");
    }

    public static TableSchema ReadTable(string name, JsonElement json)
    {
        string where = $"table {name}";
        RequireKind(json, JsonValueKind.Object, where);
        if (!json.TryGetProperty("columns", out JsonElement columns) || columns.ValueKind != JsonValueKind.Object)
        {
            throw new JsonException($"Table {name}: 'columns' must be an object.");
        }

        var list = new List<ColumnSchema>();
        foreach (JsonProperty column in columns.EnumerateObject())
        {
            list.Add(ReadColumn(name, column.Name, column.Value));
        }

        long? maxRows = json.TryGetProperty("maxRows", out JsonElement m) ? Integer(m, $"{where} maxRows") : null;
        bool isRoot = json.TryGetProperty("isRoot", out JsonElement r) && Boolean(r, $"{where} isRoot");
        List<IReadOnlyList<string>>? indexes = null;
        if (json.TryGetProperty("indexes", out JsonElement ix))
        {
            RequireKind(ix, JsonValueKind.Array, $"{where} indexes");
            indexes = [.. ix.EnumerateArray().Select(i =>
            {
                RequireKind(i, JsonValueKind.Array, $"{where} index");
                return (IReadOnlyList<string>)[.. i.EnumerateArray().Select(col => String(col, $"{where} index column"))];
            })];
        }

        return Wrap(() => new TableSchema(name, list, maxRows, isRoot, indexes), where);
    }

    public static ColumnSchema ReadColumn(string table, string name, JsonElement json)
    {
        string where = $"table {table}, column {name}";
        RequireKind(json, JsonValueKind.Object, where);
        if (!json.TryGetProperty("type", out JsonElement type))
        {
            throw new JsonException($"Table {table}, column {name}: 'type' is missing.");
        }

        bool ephemeral = json.TryGetProperty("ephemeral", out JsonElement e) && Boolean(e, $"{where} ephemeral");
        bool mutable = !json.TryGetProperty("mutable", out JsonElement m) || Boolean(m, $"{where} mutable");
        ColumnType columnType = ReadType(type, where);
        return Wrap(() => new ColumnSchema(name, columnType, ephemeral, mutable), where);
    }

    public static ColumnType ReadType(JsonElement json, string where)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return new ColumnType(ReadBase(json, where));
        }

        RequireKind(json, JsonValueKind.Object, $"{where} type");
        if (!json.TryGetProperty("key", out JsonElement key))
        {
            throw new JsonException($"{Capitalize(where)}: the type has no 'key'.");
        }

        BaseType keyType = ReadBase(key, $"{where} key");
        BaseType? valueType = json.TryGetProperty("value", out JsonElement v) ? ReadBase(v, $"{where} value") : null;
        long min = json.TryGetProperty("min", out JsonElement mn) ? Integer(mn, $"{where} min") : 1;
        long? max = 1;
        if (json.TryGetProperty("max", out JsonElement mx))
        {
            max = mx.ValueKind == JsonValueKind.String && mx.ValueEquals("unlimited") ? null : Integer(mx, $"{where} max");
        }

        return Wrap(() => new ColumnType(keyType, valueType, min, max), where);
    }

    public static BaseType ReadBase(JsonElement json, string where)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return new BaseType(AtomType(json, where));
        }

        RequireKind(json, JsonValueKind.Object, $"{where} base type");
        if (!json.TryGetProperty("type", out JsonElement t))
        {
            throw new JsonException($"{Capitalize(where)}: the base type has no 'type'.");
        }

        OvsdbAtomType type = AtomType(t, where);
        IReadOnlyList<OvsdbAtom>? enumValues = null;
        if (json.TryGetProperty("enum", out JsonElement en))
        {
            // The enum is an OVSDB <set> (a bare atom for one value), RFC 7047 §3.2.
            OvsdbSet set = Wrap(() => en.Deserialize(ProtocolJsonContext.Default.OvsdbSet)!, $"{where} enum");
            enumValues = [.. set.Items];
        }

        RefType refType = RefType.Strong;
        if (json.TryGetProperty("refType", out JsonElement rt))
        {
            refType = String(rt, $"{where} refType") switch
            {
                "strong" => RefType.Strong,
                "weak" => RefType.Weak,
                string other => throw new JsonException($"{Capitalize(where)}: refType must be \"strong\" or \"weak\", got \"{other}\"."),
            };
        }

        return Wrap(
            () => new BaseType(
                type,
                enumValues,
                Optional(json, "minInteger", where),
                Optional(json, "maxInteger", where),
                OptionalReal(json, "minReal", where),
                OptionalReal(json, "maxReal", where),
                Optional(json, "minLength", where),
                Optional(json, "maxLength", where),
                json.TryGetProperty("refTable", out JsonElement rtab) ? String(rtab, $"{where} refTable") : null,
                refType),
            where);
    }

    private static OvsdbAtomType AtomType(JsonElement json, string where) => String(json, $"{where} type") switch
    {
        "integer" => OvsdbAtomType.Integer,
        "real" => OvsdbAtomType.Real,
        "boolean" => OvsdbAtomType.Boolean,
        "string" => OvsdbAtomType.String,
        "uuid" => OvsdbAtomType.Uuid,
        string other => throw new JsonException($"{Capitalize(where)}: unknown atomic type \"{other}\" (RFC 7047 §3.2 allows integer, real, boolean, string, uuid)."),
    };

    private static long? Optional(JsonElement json, string member, string where) =>
        json.TryGetProperty(member, out JsonElement v) ? Integer(v, $"{where} {member}") : null;

    private static double? OptionalReal(JsonElement json, string member, string where)
    {
        if (!json.TryGetProperty(member, out JsonElement v))
        {
            return null;
        }

        RequireKind(v, JsonValueKind.Number, $"{where} {member}");
        return v.GetDouble();
    }

    private static long Integer(JsonElement json, string where) =>
        json.ValueKind == JsonValueKind.Number && json.TryGetInt64(out long value)
            ? value
            : throw new JsonException($"{Capitalize(where)} must be an integer, got {json.GetRawText()}.");

    private static bool Boolean(JsonElement json, string where) => json.ValueKind switch
    {
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => throw new JsonException($"{Capitalize(where)} must be a boolean, got {json.GetRawText()}."),
    };

    private static string String(JsonElement json, string where) =>
        json.ValueKind == JsonValueKind.String
            ? json.GetString()!
            : throw new JsonException($"{Capitalize(where)} must be a string, got {json.GetRawText()}.");

    private static string RequiredString(JsonElement json, string member, string where) =>
        json.TryGetProperty(member, out JsonElement v)
            ? String(v, $"{where} {member}")
            : throw new JsonException($"{Capitalize(where)} has no '{member}'.");

    private static void RequireKind(JsonElement json, JsonValueKind kind, string what)
    {
        if (json.ValueKind != kind)
        {
            throw new JsonException($"{Capitalize(what)} must be a JSON {kind.ToString().ToLowerInvariant()}, got {json.ValueKind.ToString().ToLowerInvariant()}.");
        }
    }

    private static T Wrap<T>(Func<T> create, string where)
    {
        try
        {
            return create();
        }
        catch (ArgumentException e)
        {
            throw new JsonException($"{Capitalize(where)}: {e.Message}", e);
        }
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];
}
