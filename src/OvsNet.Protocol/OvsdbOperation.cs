using System.Text.Json;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// One operation of a <c>transact</c> request (RFC 7047 §5.2). Serializes to its exact JSON object, including the
/// <c>"op"</c> member; deserializing the base type picks the subclass from <c>"op"</c>. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(OvsdbOperationConverter<OvsdbOperation>))]
public abstract class OvsdbOperation
{
    private protected OvsdbOperation()
    {
    }

    /// <summary>The operation name (<c>"insert"</c>, <c>"select"</c>...).</summary>
    public abstract string Op { get; }

    /// <summary>The table the operation works on, or null for commit, abort, comment and assert.</summary>
    public virtual string? Table => null;

    /// <summary>The operation's JSON text.</summary>
    public override string ToString() => JsonSerializer.Serialize(this, Json.ProtocolJsonContext.Default.OvsdbOperation);

    /// <summary>Writes the members after <c>"op"</c>.</summary>
    internal abstract void WriteMembers(Utf8JsonWriter writer);

    private protected static string CheckTable(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        OvsdbStrings.Check(table, "table name", nameof(table));
        return table;
    }

    private protected static OvsdbCondition[] CheckWhere(IReadOnlyList<OvsdbCondition> where)
    {
        ArgumentNullException.ThrowIfNull(where);
        OvsdbCondition[] copy = [.. where];
        if (Array.IndexOf(copy, null) >= 0)
        {
            throw new ArgumentException("The where clause contains a null condition.", nameof(where));
        }

        return copy;
    }

    private protected static string[]? CheckColumns(IReadOnlyList<string>? columns)
    {
        if (columns is null)
        {
            return null;
        }

        string[] copy = [.. columns];
        if (copy.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("The column list contains a null or empty name.", nameof(columns));
        }

        foreach (string column in copy)
        {
            OvsdbStrings.Check(column, "column name", nameof(columns));
        }

        return copy;
    }

    private protected static void WriteWhere(Utf8JsonWriter writer, IReadOnlyList<OvsdbCondition> where)
    {
        // RFC 7047 §5.2 makes "where" required for select/update/mutate/delete/wait; always write it, even empty.
        writer.WritePropertyName("where"u8);
        writer.WriteStartArray();
        foreach (OvsdbCondition condition in where)
        {
            OvsdbJsonOperationWriter.WriteCondition(writer, condition);
        }

        writer.WriteEndArray();
    }
}
