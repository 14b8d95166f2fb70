using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>mutate</c> operation (RFC 7047 §5.2.4). Result: <c>{"count": n}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<MutateOperation>))]
public sealed class MutateOperation : OvsdbOperation
{
    private readonly OvsdbCondition[] where;
    private readonly OvsdbMutation[] mutations;

    /// <summary>Creates a mutate.</summary>
    /// <exception cref="ArgumentException">The table is blank, or a condition or mutation is null.</exception>
    public MutateOperation(string table, IReadOnlyList<OvsdbCondition> where, IReadOnlyList<OvsdbMutation> mutations)
    {
        ArgumentNullException.ThrowIfNull(mutations);
        this.Table = CheckTable(table);
        this.where = CheckWhere(where);
        this.mutations = [.. mutations];
        if (Array.IndexOf(this.mutations, null) >= 0)
        {
            throw new ArgumentException("The mutation list contains null.", nameof(mutations));
        }
    }

    /// <inheritdoc/>
    public override string Op => "mutate";

    /// <inheritdoc/>
    public override string Table { get; }

    /// <summary>The conditions (all must hold).</summary>
    public IReadOnlyList<OvsdbCondition> Where => this.where;

    /// <summary>The mutations, applied in order.</summary>
    public IReadOnlyList<OvsdbMutation> Mutations => this.mutations;

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("table"u8, this.Table);
        WriteWhere(writer, this.where);
        writer.WritePropertyName("mutations"u8);
        writer.WriteStartArray();
        foreach (OvsdbMutation mutation in this.mutations)
        {
            OvsdbJsonOperationWriter.WriteMutation(writer, mutation);
        }

        writer.WriteEndArray();
    }
}
