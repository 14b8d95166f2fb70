using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// Compares a server's schema with the tables models were generated from, so an application can report schema skew
/// clearly at start-up instead of failing on the first operation. Never throws for a difference.
/// </summary>
public static class OvsdbSchemaCompatibility
{
    /// <summary>Compares <paramref name="server"/> with the model's database schema (e.g. a generated <c>OpenVSwitchDatabase.Schema</c>).</summary>
    /// <param name="server">The schema the server reported (<see cref="OvsdbClient.GetSchemaAsync"/>).</param>
    /// <param name="model">The model's schema.</param>
    /// <returns>The report.</returns>
    public static OvsdbSchemaCompatibilityReport Check(DatabaseSchema server, DatabaseSchema model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Check(server, model.Tables.Values);
    }

    /// <summary>Compares <paramref name="server"/> with the modelled tables (e.g. <c>[Bridge.TableSchema, Port.TableSchema]</c>).</summary>
    /// <param name="server">The schema the server reported.</param>
    /// <param name="modelTables">The modelled tables.</param>
    /// <returns>The report.</returns>
    public static OvsdbSchemaCompatibilityReport Check(DatabaseSchema server, IEnumerable<TableSchema> modelTables)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(modelTables);
        var problems = new List<string>();
        var notes = new List<string>();
        var missingTables = new List<string>();
        var missingColumns = new List<string>();
        foreach (TableSchema model in modelTables)
        {
            if (!server.TryGetTable(model.Name, out TableSchema? table))
            {
                missingTables.Add(model.Name);
                problems.Add($"Table {model.Name} is modelled but database {server.Name} {server.Version} has no such table.");
                continue;
            }

            foreach (ColumnSchema column in model.Columns.Values)
            {
                if (!table.Columns.TryGetValue(column.Name, out ColumnSchema? actual))
                {
                    missingColumns.Add($"{model.Name}.{column.Name}");
                    problems.Add($"Column {model.Name}.{column.Name} is modelled but database {server.Name} {server.Version} has no such column; reads give its default and writes of it fail.");
                }
                else if (Describe(column.Type) != Describe(actual.Type))
                {
                    problems.Add($"Column {model.Name}.{column.Name} is {Describe(column.Type)} in the model but {Describe(actual.Type)} on the server.");
                }
                else if (column.Type.ToString() != actual.Type.ToString() || column.Mutable != actual.Mutable)
                {
                    notes.Add($"Column {model.Name}.{column.Name} is {column.Type} in the model but {actual.Type}{(actual.Mutable ? string.Empty : " (immutable)")} on the server.");
                }
            }

            foreach (string column in table.Columns.Keys.Where(c => !model.Columns.ContainsKey(c)).Order(StringComparer.Ordinal))
            {
                notes.Add($"Column {model.Name}.{column} exists on the server but not in the model; it is ignored.");
            }
        }

        return new OvsdbSchemaCompatibilityReport(problems, notes, missingTables, missingColumns);
    }

    // What the C# property type depends on: atom types, whether a map, whether a set/optional/scalar.
    private static string Describe(ColumnType type)
    {
        string shape = type.IsMap ? "a map" : type.IsSet ? "a set" : type.IsOptional ? "an optional" : "a scalar";
        string atoms = BaseType.TypeName(type.Key.Type) + (type.Value is null ? string.Empty : "->" + BaseType.TypeName(type.Value.Type));
        string enumNote = type.Key.Enum is not null && type.Key.Type == OvsdbAtomType.String ? " enum" : string.Empty;
        return $"{shape} {atoms}{enumNote}";
    }
}
