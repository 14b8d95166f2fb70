using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>select</c> operation (RFC 7047 §5.2.2). Result: <c>{"rows": [...]}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<SelectOperation>))]
public sealed class SelectOperation : OvsdbOperation
{
    private readonly OvsdbCondition[] where;
    private readonly string[]? columns;

    /// <summary>Creates a select; <paramref name="columns"/> null selects all columns.</summary>
    /// <exception cref="ArgumentException">The table is blank, or a condition or column is null/empty.</exception>
    public SelectOperation(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyList<string>? columns = null)
    {
        this.Table = CheckTable(table);
        this.where = CheckWhere(where);
        this.columns = CheckColumns(columns);
    }

    /// <inheritdoc/>
    public override string Op => "select";

    /// <inheritdoc/>
    public override string Table { get; }

    /// <summary>The conditions (all must hold).</summary>
    public IReadOnlyList<OvsdbCondition> Where => this.where;

    /// <summary>The columns to return, or null for all.</summary>
    public IReadOnlyList<string>? Columns => this.columns;

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("table"u8, this.Table);
        WriteWhere(writer, this.where);
        if (this.columns is not null)
        {
            writer.WritePropertyName("columns"u8);
            OvsdbJsonWrite.WriteStrings(writer, this.columns);
        }
    }
}
