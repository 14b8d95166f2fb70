using System.Runtime.InteropServices;
using System.Text.Json;

namespace OvsNet.Rpc;

/// <summary>
/// The result of a call: either the result's own UTF-8 text, copied out of the read buffer without building a JSON
/// document (the usual reply), or a <see cref="JsonElement"/> (replies read by the general path).
/// </summary>
/// <remarks>Immutable.</remarks>
internal readonly struct RpcReply
{
    private readonly byte[]? utf8;
    private readonly JsonElement element;

    /// <summary>Initializes a new instance of the <see cref="RpcReply"/> struct from what JsonRpc completed the call with.</summary>
    public RpcReply(object? result)
    {
        switch (result)
        {
            case ReplyText text:
                this.utf8 = text.Take();
                break;
            case JsonElement json:
                this.element = json;
                break;
            default:
                throw new OvsdbProtocolException($"A reply completed with an unexpected result type ({result?.GetType().Name ?? "null"}).");
        }
    }

    /// <summary>Gets a value indicating whether the reply came as text (read without a JSON document).</summary>
    public bool IsText => this.utf8 is not null;

    /// <summary>Gets the result as UTF-8 JSON text (one value).</summary>
    public ReadOnlySpan<byte> Utf8 => this.utf8 ?? JsonMarshal.GetRawUtf8Value(this.element);

    /// <summary>Gets the result as an element (parsed on each use when the reply came as text: for small results).</summary>
    /// <remarks>Not for large results; use <see cref="Utf8"/>.</remarks>
    public JsonElement Element
    {
        get
        {
            if (this.utf8 is null)
            {
                return this.element;
            }

            var reader = new Utf8JsonReader(this.utf8, JsonValueFramer.ReaderOptions);
            return JsonElement.ParseValue(ref reader);
        }
    }
}

/// <summary>
/// A reply's result text on its way from the read loop to the caller. The caller takes the bytes out: JsonRpc's read
/// loop keeps its last message referenced until the next one arrives, which must not keep a large result alive.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ReplyText(byte[] utf8)
{
    private byte[]? utf8 = utf8;

    /// <summary>Takes the bytes; a second call is a bug.</summary>
    public byte[] Take() => Interlocked.Exchange(ref this.utf8, null) ?? throw new InvalidOperationException("The reply's result was already taken.");
}
