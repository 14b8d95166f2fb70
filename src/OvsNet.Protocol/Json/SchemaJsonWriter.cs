using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>Writes RFC 7047 §3.2 schemas, in the compact forms ovsdb-server itself uses (a bare atomic-type name where possible).</summary>
internal static class SchemaJsonWriter
{
    public static void WriteDatabase(Utf8JsonWriter writer, DatabaseSchema schema)
    {
        writer.WriteStartObject();
        writer.WriteString("name", schema.Name);
        writer.WriteString("version", schema.Version);
        if (schema.Cksum is not null)
        {
            writer.WriteString("cksum", schema.Cksum);
        }

        writer.WriteStartObject("tables");
        foreach (TableSchema table in schema.Tables.Values)
        {
            writer.WritePropertyName(table.Name);
            WriteTable(writer, table);
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteTable(Utf8JsonWriter writer, TableSchema table)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("columns");
        foreach (ColumnSchema column in table.Columns.Values)
        {
            writer.WriteStartObject(column.Name);
            writer.WritePropertyName("type");
            WriteType(writer, column.Type);
            if (column.Ephemeral)
            {
                writer.WriteBoolean("ephemeral", true);
            }

            if (!column.Mutable)
            {
                writer.WriteBoolean("mutable", false);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        if (table.MaxRows is long maxRows)
        {
            writer.WriteNumber("maxRows", maxRows);
        }

        if (table.IsRoot)
        {
            writer.WriteBoolean("isRoot", true);
        }

        if (table.Indexes.Count > 0)
        {
            writer.WriteStartArray("indexes");
            foreach (IReadOnlyList<string> index in table.Indexes)
            {
                OvsdbJsonWrite.WriteStrings(writer, index);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter writer, ColumnType type)
    {
        if (type.IsScalar && !type.IsMap && type.Key.IsUnconstrained)
        {
            writer.WriteStringValue(BaseType.TypeName(type.Key.Type));
            return;
        }

        writer.WriteStartObject();
        writer.WritePropertyName("key");
        WriteBase(writer, type.Key);
        if (type.Value is not null)
        {
            writer.WritePropertyName("value");
            WriteBase(writer, type.Value);
        }

        if (type.Min != 1)
        {
            writer.WriteNumber("min", type.Min);
        }

        if (type.Max is null)
        {
            writer.WriteString("max", "unlimited");
        }
        else if (type.Max != 1)
        {
            writer.WriteNumber("max", type.Max.Value);
        }

        writer.WriteEndObject();
    }

    private static void WriteBase(Utf8JsonWriter writer, BaseType type)
    {
        if (type.IsUnconstrained)
        {
            writer.WriteStringValue(BaseType.TypeName(type.Type));
            return;
        }

        writer.WriteStartObject();
        writer.WriteString("type", BaseType.TypeName(type.Type));
        if (type.Enum is not null)
        {
            writer.WritePropertyName("enum");
            OvsdbJsonWrite.WriteSet(writer, new OvsdbSet(type.Enum));
        }

        WriteOptional(writer, "minInteger", type.MinInteger);
        WriteOptional(writer, "maxInteger", type.MaxInteger);
        if (type.MinReal is double minReal)
        {
            writer.WriteNumber("minReal", minReal);
        }

        if (type.MaxReal is double maxReal)
        {
            writer.WriteNumber("maxReal", maxReal);
        }

        WriteOptional(writer, "minLength", type.MinLength);
        WriteOptional(writer, "maxLength", type.MaxLength);
        if (type.RefTable is not null)
        {
            writer.WriteString("refTable", type.RefTable);
            if (type.RefType == RefType.Weak)
            {
                writer.WriteString("refType", "weak");
            }
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, long? value)
    {
        if (value is long v)
        {
            writer.WriteNumber(name, v);
        }
    }
}
