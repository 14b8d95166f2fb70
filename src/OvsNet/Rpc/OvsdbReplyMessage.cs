using System.Buffers;
using System.Text.Json;
using StreamJsonRpc.Protocol;

namespace OvsNet.Rpc;

/// <summary>
/// A reply the message handler writes itself, bypassing JsonRpc: the answer to the server's <c>echo</c> probe (which
/// must never wait behind anything else) and to requests OvsNet does not serve. It carries the request id as raw JSON,
/// because ovsdb-server uses string ids such as <c>"echo"</c> and expects them back verbatim.
/// </summary>
/// <remarks>Immutable after construction.</remarks>
internal sealed class OvsdbReplyMessage : JsonRpcMessage
{
    private OvsdbReplyMessage(JsonElement id, JsonElement? result, string? error)
    {
        this.Id = id;
        this.Result = result;
        this.Error = error;
        this.Version = "1.0";
    }

    /// <summary>Gets the id of the request being answered, as received.</summary>
    public JsonElement Id { get; }

    /// <summary>Gets the result, or null for an error reply.</summary>
    public JsonElement? Result { get; }

    /// <summary>Gets the RFC 7047 error string, or null for a successful reply.</summary>
    public string? Error { get; }

    /// <summary>Creates a successful reply.</summary>
    public static OvsdbReplyMessage Success(JsonElement id, JsonElement result) => new(id, result, null);

    /// <summary>Creates an error reply whose <c>error</c> is a string, as ovsdb-server writes them.</summary>
    public static OvsdbReplyMessage Failure(JsonElement id, string error) => new(id, null, error);

    /// <summary>Writes <c>{"id":..,"result":..,"error":null}</c> (RFC 7047 §4: both members always present).</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        using var writer = new Utf8JsonWriter(output);
        writer.WriteStartObject();
        writer.WritePropertyName("id");
        this.Id.WriteTo(writer);
        writer.WritePropertyName("result");
        if (this.Result is { } result)
        {
            result.WriteTo(writer);
        }
        else
        {
            writer.WriteNullValue();
        }

        if (this.Error is null)
        {
            writer.WriteNull("error");
        }
        else
        {
            writer.WriteString("error", this.Error);
        }

        writer.WriteEndObject();
    }
}
