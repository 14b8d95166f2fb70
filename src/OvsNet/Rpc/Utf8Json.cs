using System.Text;

namespace OvsNet.Rpc;

/// <summary>UTF-8 JSON bytes that are decoded only if a log message is actually written.</summary>
/// <param name="Bytes">The bytes.</param>
internal readonly record struct Utf8Json(ReadOnlyMemory<byte> Bytes)
{
    /// <inheritdoc/>
    public override string ToString() => Encoding.UTF8.GetString(this.Bytes.Span);
}
