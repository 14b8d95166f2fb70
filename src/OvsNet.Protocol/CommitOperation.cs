using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>commit</c> operation (RFC 7047 §5.2.7): with durable, the reply waits until the commit is on disk. Result: <c>{}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<CommitOperation>))]
public sealed class CommitOperation : OvsdbOperation
{
    /// <summary>Creates a commit.</summary>
    public CommitOperation(bool durable) => this.Durable = durable;

    /// <inheritdoc/>
    public override string Op => "commit";

    /// <summary>Whether the commit must be durable.</summary>
    public bool Durable { get; }

    internal override void WriteMembers(Utf8JsonWriter writer) => writer.WriteBoolean("durable"u8, this.Durable);
}
