using System.Buffers;
using System.Text;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace OvsNet.Rpc;

/// <summary>
/// The JSON-RPC 1.0 dialect ovsdb-server speaks, on top of StreamJsonRpc's System.Text.Json formatter. Outbound only:
/// inbound messages are classified and built by <see cref="OvsdbMessageHandler"/>, which must see them first (echo,
/// notifications, late replies).
/// </summary>
/// <remarks>
/// <para>
/// <see cref="SystemTextJsonFormatter"/>'s Serialize and Deserialize are not virtual, so this class re-implements the
/// formatter interfaces; JsonRpc and the handler only call through them.
/// </para>
/// <para>Thread-safety: like its base, used by one writer at a time (the handler serializes writes).</para>
/// </remarks>
internal sealed class OvsdbFormatter : SystemTextJsonFormatter, IJsonRpcMessageFormatter, IJsonRpcMessageTextFormatter
{
    /// <inheritdoc/>
    Encoding IJsonRpcMessageTextFormatter.Encoding
    {
        get => this.Encoding;
        set => this.Encoding = value;
    }

    /// <summary>Writes <paramref name="message"/> as ovsdb-server accepts it.</summary>
    void IJsonRpcMessageFormatter.Serialize(IBufferWriter<byte> bufferWriter, JsonRpcMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        switch (message)
        {
            case OvsdbReplyMessage reply:
                reply.WriteTo(bufferWriter);
                return;

            case JsonRpcRequest { RequestId.IsEmpty: true } notification:
                // RFC 7047 §4: a notification carries "id":null. The base formatter omits an empty id, and writes null
                // for RequestId.Null; but JsonRpc re-checks the message after sending, and a message left with
                // RequestId.Null makes NotifyAsync throw "Response is in an unexpected format". So set it only while
                // serializing.
                notification.Version = "1.0";
                notification.RequestId = RequestId.Null;
                try
                {
                    base.Serialize(bufferWriter, message);
                }
                finally
                {
                    notification.RequestId = RequestId.NotSpecified;
                }

                return;

            case JsonRpcResult result:
                // RFC 7047 §4: a reply has both members; ovsdb-server treats a missing "error" as null, but be exact.
                result.TrySetTopLevelProperty<object?>("error", null);
                break;
        }

        // "1.0" makes the base formatter omit the "jsonrpc" member, which ovsdb-server rejects by dropping the
        // connection ("message has unexpected member").
        message.Version = "1.0";
        base.Serialize(bufferWriter, message);
    }

    /// <summary>Not used: inbound messages are built by <see cref="OvsdbMessageHandler"/>.</summary>
    JsonRpcMessage IJsonRpcMessageFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer)
        => throw new NotSupportedException("OvsdbMessageHandler builds inbound messages itself.");

    /// <summary>Not used: inbound messages are built by <see cref="OvsdbMessageHandler"/>.</summary>
    JsonRpcMessage IJsonRpcMessageTextFormatter.Deserialize(ReadOnlySequence<byte> contentBuffer, Encoding encoding)
        => throw new NotSupportedException("OvsdbMessageHandler builds inbound messages itself.");

    /// <inheritdoc/>
    object IJsonRpcMessageFormatter.GetJsonText(JsonRpcMessage message) => base.GetJsonText(message);
}
