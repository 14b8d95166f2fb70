using System.Buffers;
using System.Text.Json;

namespace OvsNet.Rpc;

/// <summary>
/// Finds the end of each JSON text in an undelimited stream of concatenated JSON texts, which is how ovsdb-server
/// frames JSON-RPC (RFC 7047 §4: no length header, no newline). Scanning is incremental: the reader state is saved
/// between reads, so bytes arriving one at a time cost linear time, and a multi-byte UTF-8 sequence split across reads
/// is never decoded on its own.
/// </summary>
/// <remarks>Not thread-safe: owned by the single read loop of <see cref="OvsdbMessageHandler"/>.</remarks>
internal sealed class JsonValueFramer
{
    // OVSDB nests deeper than the 64 default inside table-updates with maps of sets; keep headroom.
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private JsonReaderState state = new(ReaderOptions);
    private long scanned;
    private long valueStart = -1;

    /// <summary>Gets a value indicating whether part of a JSON text has been seen but not its end.</summary>
    public bool HasPartialValue => this.valueStart >= 0;

    /// <summary>
    /// Tries to find one complete JSON object at the start of <paramref name="buffer"/> (leading whitespace allowed).
    /// </summary>
    /// <param name="buffer">Unconsumed bytes; must start where the previous call's buffer started when it returned false.</param>
    /// <param name="frame">The bytes of the JSON object, without surrounding whitespace.</param>
    /// <param name="consumed">Where the caller may advance the reader to.</param>
    /// <returns>True when a complete object was found.</returns>
    /// <exception cref="OvsdbProtocolException">The bytes are not JSON, or the top-level value is not an object.</exception>
    public bool TryReadFrame(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, out SequencePosition consumed)
    {
        var reader = new Utf8JsonReader(buffer.Slice(this.scanned), isFinalBlock: false, this.state);
        try
        {
            while (reader.Read())
            {
                if (this.valueStart < 0)
                {
                    this.valueStart = this.scanned + reader.TokenStartIndex;
                    if (reader.TokenType != JsonTokenType.StartObject)
                    {
                        throw new OvsdbProtocolException(
                            $"Received a JSON {reader.TokenType} where a JSON-RPC message (a JSON object) was expected.");
                    }
                }

                if (reader.CurrentDepth == 0 && reader.TokenType == JsonTokenType.EndObject)
                {
                    long end = this.scanned + reader.BytesConsumed;
                    frame = buffer.Slice(this.valueStart, end - this.valueStart);
                    consumed = buffer.GetPosition(end);
                    this.Reset();
                    return true;
                }
            }
        }
        catch (JsonException ex)
        {
            this.Reset();
            throw new OvsdbProtocolException($"Received bytes that are not valid JSON: {ex.Message}", ex);
        }

        this.scanned += reader.BytesConsumed;
        this.state = reader.CurrentState;
        frame = default;
        consumed = buffer.Start;
        return false;
    }

    /// <summary>True when <paramref name="buffer"/> holds anything but JSON whitespace after what was scanned.</summary>
    public bool HasNonWhitespace(ReadOnlySequence<byte> buffer)
    {
        foreach (ReadOnlyMemory<byte> segment in buffer.Slice(this.scanned))
        {
            foreach (byte b in segment.Span)
            {
                if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private void Reset()
    {
        this.state = new JsonReaderState(ReaderOptions);
        this.scanned = 0;
        this.valueStart = -1;
    }
}
