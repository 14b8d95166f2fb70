using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>
/// Streaming readers for monitor notifications and replies (RFC 7047 §4.1.6, ovsdb-server(7) §4.1.14). These are the
/// large payloads (a replica's initial dump), so they never go through a DOM.
/// </summary>
internal static class MonitorJsonRead
{
    public static TableUpdates ReadTableUpdates(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "table-updates (an object of tables)");
        var tables = new Dictionary<string, TableUpdate>(StringComparer.Ordinal);
        while (OvsdbJsonRead.Next(ref reader, "table-updates") != JsonTokenType.EndObject)
        {
            string table = reader.GetString()!;
            OvsdbJsonRead.Next(ref reader, "table-updates");
            if (!tables.TryAdd(table, ReadTableUpdate(ref reader)))
            {
                throw new JsonException($"The table-updates list the table '{table}' twice.");
            }
        }

        return TableUpdates.Wrap(tables);
    }

    public static TableUpdates2 ReadTableUpdates2(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "table-updates2 (an object of tables)");
        var tables = new Dictionary<string, TableUpdate2>(StringComparer.Ordinal);
        while (OvsdbJsonRead.Next(ref reader, "table-updates2") != JsonTokenType.EndObject)
        {
            string table = reader.GetString()!;
            OvsdbJsonRead.Next(ref reader, "table-updates2");
            if (!tables.TryAdd(table, ReadTableUpdate2(ref reader)))
            {
                throw new JsonException($"The table-updates2 list the table '{table}' twice.");
            }
        }

        return TableUpdates2.Wrap(tables);
    }

    public static TableUpdate ReadTableUpdate(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "a table-update (an object of row uuids)");
        var rows = new Dictionary<OvsdbUuid, RowUpdate>();
        while (OvsdbJsonRead.Next(ref reader, "a table-update") != JsonTokenType.EndObject)
        {
            OvsdbUuid uuid = ReadUuidName(ref reader);
            OvsdbJsonRead.Next(ref reader, "a table-update");
            if (!rows.TryAdd(uuid, ReadRowUpdate(ref reader)))
            {
                throw new JsonException($"The table-update lists the row {uuid} twice.");
            }
        }

        return TableUpdate.Wrap(rows);
    }

    public static TableUpdate2 ReadTableUpdate2(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "a table-update2 (an object of row uuids)");
        var rows = new Dictionary<OvsdbUuid, RowUpdate2>();
        while (OvsdbJsonRead.Next(ref reader, "a table-update2") != JsonTokenType.EndObject)
        {
            OvsdbUuid uuid = ReadUuidName(ref reader);
            OvsdbJsonRead.Next(ref reader, "a table-update2");
            if (!rows.TryAdd(uuid, ReadRowUpdate2(ref reader)))
            {
                throw new JsonException($"The table-update2 lists the row {uuid} twice.");
            }
        }

        return TableUpdate2.Wrap(rows);
    }

    public static RowUpdate ReadRowUpdate(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "a row-update {\"old\":..,\"new\":..}");
        OvsdbRow? old = null, @new = null;
        while (OvsdbJsonRead.Next(ref reader, "a row-update") != JsonTokenType.EndObject)
        {
            bool isOld = reader.ValueTextEquals("old"u8);
            if (!isOld && !reader.ValueTextEquals("new"u8))
            {
                throw new JsonException($"A row-update has the unexpected member '{reader.GetString()}' (RFC 7047 §4.1.6 allows old and new).");
            }

            OvsdbJsonRead.Next(ref reader, "a row-update");
            OvsdbRow? row = reader.TokenType == JsonTokenType.Null ? null : OvsdbJsonRead.ReadRow(ref reader);
            if (isOld)
            {
                old = row;
            }
            else
            {
                @new = row;
            }
        }

        return old is null && @new is null
            ? throw new JsonException("A row-update has neither 'old' nor 'new'.")
            : new RowUpdate(old, @new);
    }

    public static RowUpdate2 ReadRowUpdate2(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartObject, "a row-update2 {\"initial\"|\"insert\"|\"modify\"|\"delete\": ..}");
        OvsdbJsonRead.Next(ref reader, "a row-update2");
        if (reader.TokenType == JsonTokenType.EndObject)
        {
            throw new JsonException("A row-update2 is empty; it needs one of initial, insert, modify, delete.");
        }

        RowUpdateKind kind = reader.ValueTextEquals("initial"u8) ? RowUpdateKind.Initial
            : reader.ValueTextEquals("insert"u8) ? RowUpdateKind.Insert
            : reader.ValueTextEquals("modify"u8) ? RowUpdateKind.Modify
            : reader.ValueTextEquals("delete"u8) ? RowUpdateKind.Delete
            : throw new JsonException($"A row-update2 has the unknown member '{reader.GetString()}' (expected initial, insert, modify or delete).");
        OvsdbJsonRead.Next(ref reader, "a row-update2");
        OvsdbRow? row;
        if (kind == RowUpdateKind.Delete)
        {
            // ovsdb-server sends "delete": null; tolerate an object (some implementations send the old row).
            if (reader.TokenType != JsonTokenType.Null)
            {
                reader.Skip();
            }

            row = null;
        }
        else
        {
            row = OvsdbJsonRead.ReadRow(ref reader);
        }

        if (OvsdbJsonRead.Next(ref reader, "a row-update2") != JsonTokenType.EndObject)
        {
            throw new JsonException("A row-update2 has more than one member.");
        }

        return new RowUpdate2(kind, row);
    }

    public static MonitorCondSinceResult ReadMonitorCondSinceResult(ref Utf8JsonReader reader)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartArray, "a monitor_cond_since result [found, last-txn-id, updates]");
        OvsdbJsonRead.Next(ref reader, "a monitor_cond_since result");
        bool found = reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            _ => throw new JsonException("The first element of a monitor_cond_since result must be a boolean."),
        };
        OvsdbJsonRead.Next(ref reader, "a monitor_cond_since result");
        OvsdbUuid lastId = OvsdbJsonRead.ParseUuidString(ref reader);
        OvsdbJsonRead.Next(ref reader, "a monitor_cond_since result");
        TableUpdates2 updates = ReadTableUpdates2(ref reader);
        if (OvsdbJsonRead.Next(ref reader, "a monitor_cond_since result") != JsonTokenType.EndArray)
        {
            throw new JsonException("A monitor_cond_since result has more than three elements.");
        }

        return new MonitorCondSinceResult(found, lastId, updates);
    }

    private static OvsdbUuid ReadUuidName(ref Utf8JsonReader reader) => OvsdbJsonRead.ParseUuidText(ref reader, "a row uuid");
}
