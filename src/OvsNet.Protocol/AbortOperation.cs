using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>abort</c> operation (RFC 7047 §5.2.8): fails the transaction with the error "aborted".</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<AbortOperation>))]
public sealed class AbortOperation : OvsdbOperation
{
    /// <inheritdoc/>
    public override string Op => "abort";

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        // No members besides "op".
    }
}
