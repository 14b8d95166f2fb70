using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>delete</c> operation (RFC 7047 §5.2.5). Result: <c>{"count": n}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<DeleteOperation>))]
public sealed class DeleteOperation : OvsdbOperation
{
    private readonly OvsdbCondition[] _where;

    /// <summary>Creates a delete.</summary>
    /// <exception cref="ArgumentException">The table is blank or a condition is null.</exception>
    public DeleteOperation(string table, IReadOnlyList<OvsdbCondition> where)
    {
        Table = CheckTable(table);
        _where = CheckWhere(where);
    }

    /// <inheritdoc/>
    public override string Op => "delete";

    /// <inheritdoc/>
    public override string Table { get; }

    /// <summary>The conditions (all must hold); an empty list deletes every row.</summary>
    public IReadOnlyList<OvsdbCondition> Where => _where;

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("table"u8, Table);
        WriteWhere(writer, _where);
    }
}
