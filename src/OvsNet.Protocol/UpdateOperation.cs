using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>update</c> operation (RFC 7047 §5.2.3): sets the columns of <see cref="Row"/> in matching rows. Result: <c>{"count": n}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<UpdateOperation>))]
public sealed class UpdateOperation : OvsdbOperation
{
    private readonly OvsdbCondition[] where;

    /// <summary>Creates an update.</summary>
    /// <exception cref="ArgumentException">The table is blank or a condition is null.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public UpdateOperation(string table, IReadOnlyList<OvsdbCondition> where, OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        this.Table = CheckTable(table);
        this.where = CheckWhere(where);
        this.Row = row;
    }

    /// <inheritdoc/>
    public override string Op => "update";

    /// <inheritdoc/>
    public override string Table { get; }

    /// <summary>The conditions (all must hold).</summary>
    public IReadOnlyList<OvsdbCondition> Where => this.where;

    /// <summary>The columns to set.</summary>
    public OvsdbRow Row { get; }

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("table"u8, this.Table);
        WriteWhere(writer, this.where);
        writer.WritePropertyName("row"u8);
        OvsdbJsonWrite.WriteRow(writer, this.Row);
    }
}
