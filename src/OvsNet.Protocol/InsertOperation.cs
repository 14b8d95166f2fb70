using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The <c>insert</c> operation (RFC 7047 §5.2.1): inserts <see cref="Row"/>, optionally naming it (<c>uuid-name</c>) for
/// later operations of the same transaction, or giving it an explicit <c>uuid</c> (ovsdb-server 2.13+). Omitted columns
/// get their defaults. Result: <c>{"uuid": ...}</c>.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<InsertOperation>))]
public sealed class InsertOperation : OvsdbOperation
{
    /// <summary>Creates an insert.</summary>
    /// <exception cref="ArgumentException"><paramref name="table"/> is null or blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public InsertOperation(string table, OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        this.Table = CheckTable(table);
        this.Row = row;
    }

    /// <summary>Creates an insert whose row is named <paramref name="uuidName"/> within the transaction.</summary>
    public InsertOperation(string table, OvsdbRow row, OvsdbNamedUuid uuidName)
        : this(table, row)
    {
        this.UuidName = uuidName;
    }

    /// <inheritdoc/>
    public override string Op => "insert";

    /// <inheritdoc/>
    public override string Table { get; }

    /// <summary>The row to insert.</summary>
    public OvsdbRow Row { get; }

    /// <summary>The <c>uuid-name</c> other operations of the transaction use to refer to the new row, or null.</summary>
    public OvsdbNamedUuid? UuidName
    {
        get;
        init => field = value is { Name.Length: 0 } ? throw new ArgumentException("A uuid-name needs a name.", nameof(value)) : value;
    }

    /// <summary>The explicit <c>uuid</c> of the new row, or null to let the server choose.</summary>
    public OvsdbUuid? Uuid { get; init; }

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("table"u8, this.Table);
        if (this.UuidName is OvsdbNamedUuid name)
        {
            writer.WriteString("uuid-name"u8, name.Name);
        }

        if (this.Uuid is OvsdbUuid uuid)
        {
            // A bare uuid string, not ["uuid", ...]: ovsdb-server 3.1 rejects the tagged form here
            // ("Type mismatch for member 'uuid'"), unlike everywhere else.
            writer.WriteString("uuid"u8, uuid.Value);
        }

        writer.WritePropertyName("row"u8);
        OvsdbJsonWrite.WriteRow(writer, this.Row);
    }
}
