using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>delete</c> operation (RFC 7047 §5.2.5). Result: <c>{"count": n}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<DeleteOperation>))]
public sealed class DeleteOperation : OvsdbOperation
{
    private readonly OvsdbCondition[] where;

    /// <summary>Creates a delete.</summary>
    /// <exception cref="ArgumentException">The table is blank or a condition is null.</exception>
    public DeleteOperation(string table, IReadOnlyList<OvsdbCondition> where)
    {
        this.Table = CheckTable(table);
        this.where = CheckWhere(where);
    }

    /// <inheritdoc/>
    public override string Op => "delete";

    /// <inheritdoc/>
    public override string Table { get; }

    /// <summary>The conditions (all must hold); an empty list deletes every row.</summary>
    public IReadOnlyList<OvsdbCondition> Where => this.where;

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("table"u8, this.Table);
        WriteWhere(writer, this.where);
    }
}
