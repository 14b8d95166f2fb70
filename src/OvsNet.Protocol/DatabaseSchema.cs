using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>An RFC 7047 §3.2 <c>&lt;database-schema&gt;</c>, as returned by <c>get_schema</c>. Immutable and thread-safe.</summary>
[JsonConverter(typeof(DatabaseSchemaConverter))]
public sealed class DatabaseSchema
{
    /// <summary>Creates a database schema.</summary>
    /// <exception cref="ArgumentException">A name is empty or a table is listed twice.</exception>
    public DatabaseSchema(string name, string version, IEnumerable<TableSchema> tables, string? cksum = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(version);
        ArgumentNullException.ThrowIfNull(tables);
        var byName = new Dictionary<string, TableSchema>(StringComparer.Ordinal);
        foreach (TableSchema table in tables)
        {
            ArgumentNullException.ThrowIfNull(table, nameof(tables));
            if (!byName.TryAdd(table.Name, table))
            {
                throw new ArgumentException($"Schema {name} lists the table '{table.Name}' twice.", nameof(tables));
            }
        }

        this.Name = name;
        this.Version = version;
        this.Cksum = cksum;
        this.Tables = byName;
    }

    /// <summary>The database name.</summary>
    public string Name { get; }

    /// <summary>The schema version (<c>x.y.z</c>).</summary>
    public string Version { get; }

    /// <summary>The schema checksum, or null.</summary>
    public string? Cksum { get; }

    /// <summary>The tables by name.</summary>
    public IReadOnlyDictionary<string, TableSchema> Tables { get; }

    /// <summary>Parses a schema from JSON text.</summary>
    /// <exception cref="JsonException">The text is not JSON or not a valid schema; the message names the table and column.</exception>
    public static DatabaseSchema Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using JsonDocument document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Parses a schema from a JSON element (for example the <c>get_schema</c> result).</summary>
    /// <exception cref="JsonException">The JSON is not a valid schema; the message names the table and column.</exception>
    public static DatabaseSchema FromJson(JsonElement json) => SchemaJsonReader.ReadDatabase(json);

    /// <summary>Writes the schema as RFC 7047 JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json.ProtocolJsonContext.Default.DatabaseSchema);

    /// <summary>Finds a table.</summary>
    public bool TryGetTable(string name, [NotNullWhen(true)] out TableSchema? table) => this.Tables.TryGetValue(name, out table);

    /// <summary>Gets a table.</summary>
    /// <exception cref="ArgumentException">The schema has no such table.</exception>
    public TableSchema GetTable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return this.Tables.TryGetValue(name, out TableSchema? table)
            ? table
            : throw new ArgumentException($"Database {this.Name} has no table '{name}'.", nameof(name));
    }

    /// <summary>Checks a row to be inserted into <paramref name="table"/> (see <see cref="TableSchema.ValidateRow"/>).</summary>
    /// <exception cref="ArgumentException">The table is unknown or the row does not fit it.</exception>
    public void ValidateRow(string table, OvsdbRow row) => this.GetTable(table).ValidateRow(row, forInsert: true);

    /// <summary>Checks a row to be inserted (<paramref name="forInsert"/>) or updated in <paramref name="table"/>.</summary>
    /// <exception cref="ArgumentException">The table is unknown or the row does not fit it.</exception>
    public void ValidateRow(string table, OvsdbRow row, bool forInsert) => this.GetTable(table).ValidateRow(row, forInsert);

    /// <inheritdoc/>
    public override string ToString() => $"{this.Name} {this.Version}";
}
