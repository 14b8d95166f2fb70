using System.Collections.Immutable;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// Computes the next snapshot from the current one and one update message, collecting the row changes. Nothing is
/// published here: on any error the current snapshot stays as it was (an update is applied whole or not at all).
/// </summary>
/// <remarks>Stateless; the replica calls it from its single writer.</remarks>
internal static class SnapshotUpdater
{
    /// <summary>Applies <c>update2</c>/<c>update3</c> (or a monitor_cond reply) diffs; the row changes go to <paramref name="changes"/> unless it is null.</summary>
    /// <exception cref="ArgumentException">The update does not fit the replica (unknown table or column, a modify or delete of a row it does not hold, a value of the wrong type).</exception>
    public static OvsdbReplicaSnapshot Apply(OvsdbReplicaSnapshot current, TableUpdates2 updates, OvsdbUuid? lastTransactionId, List<OvsdbReplicaChange>? changes)
    {
        long version = current.Version + 1;
        var tables = new Dictionary<string, OvsdbReplicaTable>(current.Tables, StringComparer.Ordinal);
        foreach ((string name, TableUpdate2 tableUpdate) in updates)
        {
            var builder = new TableBuilder(GetTable(current, name));
            TableSchema schema = builder.Source.Schema;
            IReadOnlyCollection<string>? columns = builder.Source.MonitoredColumns;
            foreach ((OvsdbUuid uuid, RowUpdate2 rowUpdate) in tableUpdate)
            {
                ReplicaRow? old = builder.Get(uuid);
                if (rowUpdate.Kind == RowUpdateKind.Delete && old is null)
                {
                    throw new ArgumentException($"Table {name}: a delete arrived for row {uuid}, which the replica does not hold.", nameof(updates));
                }

                OvsdbRow? row = Update2Applier.Apply(schema, old?.Row, rowUpdate, columns);
                Record(builder, name, uuid, old, row is null ? null : new ReplicaRow(uuid, row), version, changes);
            }

            tables[name] = builder.ToTable();
        }

        return new OvsdbReplicaSnapshot(version, lastTransactionId ?? current.LastTransactionId, tables);
    }

    /// <summary>Applies RFC 7047 <c>update</c> row changes (the <c>monitor</c> fallback): whole new values.</summary>
    /// <exception cref="ArgumentException">The update does not fit the replica.</exception>
    public static OvsdbReplicaSnapshot Apply(OvsdbReplicaSnapshot current, TableUpdates updates, List<OvsdbReplicaChange>? changes)
    {
        long version = current.Version + 1;
        var tables = new Dictionary<string, OvsdbReplicaTable>(current.Tables, StringComparer.Ordinal);
        foreach ((string name, TableUpdate tableUpdate) in updates)
        {
            var builder = new TableBuilder(GetTable(current, name));
            foreach ((OvsdbUuid uuid, RowUpdate rowUpdate) in tableUpdate)
            {
                ReplicaRow? old = builder.Get(uuid);
                ReplicaRow? @new = null;
                if (rowUpdate.New is OvsdbRow newValues)
                {
                    @new = new ReplicaRow(uuid, Overlay(builder.Source, old?.Row, newValues));
                }
                else if (old is null)
                {
                    throw new ArgumentException($"Table {name}: a delete arrived for row {uuid}, which the replica does not hold.", nameof(updates));
                }

                Record(builder, name, uuid, old, @new, version, changes);
            }

            tables[name] = builder.ToTable();
        }

        return new OvsdbReplicaSnapshot(version, current.LastTransactionId, tables);
    }

    /// <summary>
    /// The changes that turn <paramref name="old"/> into <paramref name="fresh"/> (a reload that did not resume):
    /// inserts, deletes, and updates for rows whose values differ.
    /// </summary>
    public static void Diff(OvsdbReplicaSnapshot old, OvsdbReplicaSnapshot fresh, List<OvsdbReplicaChange> changes)
    {
        foreach ((string name, OvsdbReplicaTable freshTable) in fresh.Tables)
        {
            ImmutableDictionary<OvsdbUuid, ReplicaRow> before = old.Tables.TryGetValue(name, out OvsdbReplicaTable? oldTable)
                ? oldTable.RowMap
                : ImmutableDictionary<OvsdbUuid, ReplicaRow>.Empty;
            foreach ((OvsdbUuid uuid, ReplicaRow row) in freshTable.RowMap)
            {
                if (!before.TryGetValue(uuid, out ReplicaRow? previous))
                {
                    changes.Add(new OvsdbReplicaChange(name, uuid, null, row, fresh.Version));
                }
                else if (!previous.Row.Equals(row.Row))
                {
                    changes.Add(new OvsdbReplicaChange(name, uuid, previous, row, fresh.Version));
                }
            }

            foreach ((OvsdbUuid uuid, ReplicaRow row) in before)
            {
                if (!freshTable.RowMap.ContainsKey(uuid))
                {
                    changes.Add(new OvsdbReplicaChange(name, uuid, row, null, fresh.Version));
                }
            }
        }
    }

    private static OvsdbReplicaTable GetTable(OvsdbReplicaSnapshot snapshot, string name)
        => snapshot.Tables.TryGetValue(name, out OvsdbReplicaTable? table)
            ? table
            : throw new ArgumentException($"An update names table '{name}', which the replica does not monitor.", nameof(name));

    private static void Record(TableBuilder builder, string table, OvsdbUuid uuid, ReplicaRow? old, ReplicaRow? @new, long version, List<OvsdbReplicaChange>? changes)
    {
        builder.Set(uuid, old, @new);
        changes?.Add(new OvsdbReplicaChange(table, uuid, old, @new, version));
    }

    private static OvsdbRow Overlay(OvsdbReplicaTable table, OvsdbRow? current, OvsdbRow values)
    {
        TableSchema schema = table.Schema;
        var result = new Dictionary<string, OvsdbValue>(StringComparer.Ordinal);
        if (current is not null)
        {
            foreach (KeyValuePair<string, OvsdbValue> column in current)
            {
                result[column.Key] = column.Value;
            }
        }
        else
        {
            foreach (string name in table.MonitoredColumns ?? schema.Columns.Keys)
            {
                result[name] = schema.GetColumn(name).Type.DefaultValue;
            }
        }

        foreach (KeyValuePair<string, OvsdbValue> column in values)
        {
            if (column.Key is OvsdbRow.UuidColumn or OvsdbRow.VersionColumn)
            {
                continue;
            }

            if (!schema.Columns.TryGetValue(column.Key, out ColumnSchema? columnSchema))
            {
                throw new ArgumentException($"Table {schema.Name} has no column '{column.Key}' (is the schema older than the server's?).", nameof(values));
            }

            try
            {
                result[column.Key] = columnSchema.Type.Normalize(column.Value);
            }
            catch (ArgumentException e)
            {
                throw new ArgumentException($"Table {schema.Name}, column {column.Key}: {e.Message}", nameof(values), e);
            }
        }

        return new OvsdbRow(result);
    }
}
