using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>Writers for monitor requests and updates (RFC 7047 §4.1.5-4.1.6, ovsdb-server(7) §4.1.12-4.1.14).</summary>
internal static class MonitorJsonWrite
{
    public static void WriteTableUpdates<TUpdate>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, TUpdate>> tables, Action<Utf8JsonWriter, TUpdate> write)
    {
        writer.WriteStartObject();
        foreach (KeyValuePair<string, TUpdate> table in tables)
        {
            writer.WritePropertyName(table.Key);
            write(writer, table.Value);
        }

        writer.WriteEndObject();
    }

    public static void WriteTableUpdate<TRow>(Utf8JsonWriter writer, IEnumerable<KeyValuePair<OvsdbUuid, TRow>> rows, Action<Utf8JsonWriter, TRow> write)
    {
        writer.WriteStartObject();
        Span<char> name = stackalloc char[36];
        foreach (KeyValuePair<OvsdbUuid, TRow> row in rows)
        {
            row.Key.Value.TryFormat(name, out _, "D");
            writer.WritePropertyName(name);
            write(writer, row.Value);
        }

        writer.WriteEndObject();
    }

    public static void WriteRowUpdate(Utf8JsonWriter writer, RowUpdate update)
    {
        writer.WriteStartObject();
        if (update.Old is not null)
        {
            writer.WritePropertyName("old"u8);
            OvsdbJsonWrite.WriteRow(writer, update.Old);
        }

        if (update.New is not null)
        {
            writer.WritePropertyName("new"u8);
            OvsdbJsonWrite.WriteRow(writer, update.New);
        }

        writer.WriteEndObject();
    }

    public static void WriteRowUpdate2(Utf8JsonWriter writer, RowUpdate2 update)
    {
        writer.WriteStartObject();
        switch (update.Kind)
        {
            case RowUpdateKind.Delete:
                writer.WriteNull("delete"u8);
                break;
            default:
                writer.WritePropertyName(update.Kind switch
                {
                    RowUpdateKind.Initial => "initial",
                    RowUpdateKind.Insert => "insert",
                    _ => "modify",
                });
                OvsdbJsonWrite.WriteRow(writer, update.Row!);
                break;
        }

        writer.WriteEndObject();
    }
}
