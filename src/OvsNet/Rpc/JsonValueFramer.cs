using System.Buffers;
using System.Text.Json;
using System.Text.Unicode;

namespace OvsNet.Rpc;

/// <summary>
/// Finds the end of each JSON text in an undelimited stream of concatenated JSON texts, which is how ovsdb-server
/// frames JSON-RPC (RFC 7047 §4: no length header, no newline), and checks the two things every later step relies on:
/// the frame is at most <see cref="MaxMessageSize"/> bytes, and it is valid UTF-8 (JSON text is UTF-8, RFC 8259 §8.1;
/// System.Text.Json does not check string contents until they are decoded, which would otherwise fail later with an
/// untyped error). The JSON grammar itself is checked when the frame is parsed.
/// </summary>
/// <remarks>
/// <para>
/// Scanning is incremental and linear: only bracket depth, string and escape state are kept between reads, and each byte
/// is looked at once (structural characters are found with a vectorized search), so neither bytes arriving one at a
/// time nor one very long string make a large message cost more than its size.
/// </para>
/// <para>Not thread-safe: owned by the single read loop of <see cref="OvsdbMessageHandler"/>.</para>
/// </remarks>
internal sealed class JsonValueFramer
{
    // OVSDB nests deeper than the 64 default inside table-updates with maps of sets; keep headroom.
    internal static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private static readonly SearchValues<byte> Structural = SearchValues.Create("{}[]\""u8);
    private static readonly SearchValues<byte> StringSpecial = SearchValues.Create("\"\\"u8);

    private long scanned;
    private long valueStart = -1;
    private int depth;
    private bool inString;
    private bool escaped;

    /// <summary>Initializes a new instance of the <see cref="JsonValueFramer"/> class with the default limit (128 MiB).</summary>
    public JsonValueFramer()
        : this(OvsdbClientOptions.DefaultMaxMessageSize)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="JsonValueFramer"/> class.</summary>
    /// <param name="maxMessageSize">The largest JSON text accepted, in bytes.</param>
    public JsonValueFramer(long maxMessageSize) => this.MaxMessageSize = maxMessageSize;

    /// <summary>Gets the largest JSON text accepted, in bytes.</summary>
    public long MaxMessageSize { get; }

    /// <summary>Gets a value indicating whether part of a JSON text has been seen but not its end.</summary>
    public bool HasPartialValue => this.valueStart >= 0;

    /// <summary>
    /// Tries to find one complete JSON object at the start of <paramref name="buffer"/> (leading whitespace allowed).
    /// </summary>
    /// <param name="buffer">Unconsumed bytes; must start where the previous call's buffer started when it returned false.</param>
    /// <param name="frame">The bytes of the JSON object, without surrounding whitespace.</param>
    /// <param name="consumed">Where the caller may advance the reader to.</param>
    /// <returns>True when a complete object was found.</returns>
    /// <exception cref="OvsdbProtocolException">
    /// The top-level value is not an object, its brackets do not balance, it is not valid UTF-8, or it is larger than
    /// <see cref="MaxMessageSize"/> (<see cref="OvsdbMessageTooLargeException"/>).
    /// </exception>
    public bool TryReadFrame(ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame, out SequencePosition consumed)
    {
        // By offset, not by a saved position: the caller may hand over the same bytes in new segments.
        ReadOnlySequence<byte> unscanned = this.scanned == 0 ? buffer : buffer.Slice(this.scanned);
        long offset = this.scanned;
        foreach (ReadOnlyMemory<byte> memory in unscanned)
        {
            ReadOnlySpan<byte> span = memory.Span;
            int end = this.Scan(span, offset);
            if (end >= 0)
            {
                long frameEnd = offset + end + 1;
                this.CheckSize(frameEnd);
                frame = buffer.Slice(this.valueStart, frameEnd - this.valueStart);
                consumed = frame.End;
                long start = this.valueStart;
                this.Reset();
                if (!IsValidUtf8(frame))
                {
                    throw new OvsdbProtocolException($"Received a message that is not valid JSON: it is not valid UTF-8 (a JSON text of {frameEnd - start} bytes).");
                }

                return true;
            }

            offset += span.Length;
            this.CheckSize(offset);
        }

        this.scanned = offset;
        frame = default;
        consumed = buffer.Start;
        return false;
    }

    /// <summary>True when <paramref name="buffer"/> holds anything but JSON whitespace after what was scanned.</summary>
    public bool HasNonWhitespace(ReadOnlySequence<byte> buffer)
    {
        foreach (ReadOnlyMemory<byte> segment in buffer.Slice(this.scanned))
        {
            if (segment.Span.IndexOfAnyExcept(" \t\r\n"u8) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Checks that <paramref name="bytes"/> is well-formed UTF-8 (no overlong forms, surrogates or truncated sequences),
    /// also when a sequence is split between segments.
    /// </summary>
    internal static bool IsValidUtf8(ReadOnlySequence<byte> bytes)
    {
        if (bytes.IsSingleSegment)
        {
            return Utf8.IsValid(bytes.FirstSpan);
        }

        Span<byte> carry = stackalloc byte[4];
        int carried = 0;
        foreach (ReadOnlyMemory<byte> memory in bytes)
        {
            ReadOnlySpan<byte> span = memory.Span;
            if (carried > 0)
            {
                // Complete the sequence the previous segment ended in, then check it alone.
                int length = SequenceLength(carry[0]);
                int take = Math.Min(length - carried, span.Length);
                span[..take].CopyTo(carry[carried..]);
                carried += take;
                span = span[take..];
                if (carried < length)
                {
                    continue;
                }

                if (!Utf8.IsValid(carry[..carried]))
                {
                    return false;
                }

                carried = 0;
            }

            int cut = IncompleteTailStart(span);
            if (!Utf8.IsValid(span[..cut]))
            {
                return false;
            }

            span[cut..].CopyTo(carry);
            carried = span.Length - cut;
        }

        return carried == 0;
    }

    private static int SequenceLength(byte lead) => lead switch
    {
        < 0xC0 => 1,
        < 0xE0 => 2,
        < 0xF0 => 3,
        < 0xF8 => 4,
        _ => 1,
    };

    /// <summary>Where a multi-byte sequence that <paramref name="span"/> cuts short starts (its length if none does).</summary>
    private static int IncompleteTailStart(ReadOnlySpan<byte> span)
    {
        for (int i = span.Length - 1; i >= 0 && i >= span.Length - 3; i--)
        {
            if ((span[i] & 0xC0) != 0x80)
            {
                return i + SequenceLength(span[i]) > span.Length ? i : span.Length;
            }
        }

        return span.Length;
    }

    /// <summary>Scans <paramref name="span"/> (at <paramref name="offset"/> in the buffer); returns the index of the frame's closing brace, or -1.</summary>
    private int Scan(ReadOnlySpan<byte> span, long offset)
    {
        int i = 0;
        while (i < span.Length)
        {
            if (this.inString)
            {
                if (this.escaped)
                {
                    this.escaped = false;
                    i++;
                    continue;
                }

                int special = span[i..].IndexOfAny(StringSpecial);
                if (special < 0)
                {
                    return -1;
                }

                i += special;
                if (span[i] == (byte)'\\')
                {
                    this.escaped = true;
                }
                else
                {
                    this.inString = false;
                }

                i++;
                continue;
            }

            if (this.valueStart < 0)
            {
                int first = span[i..].IndexOfAnyExcept(" \t\r\n"u8);
                if (first < 0)
                {
                    return -1;
                }

                i += first;
                if (span[i] != (byte)'{')
                {
                    throw new OvsdbProtocolException(
                        $"Received {Describe(span[i])} where a JSON-RPC message (a JSON object) was expected.");
                }

                this.valueStart = offset + i;
                this.depth = 1;
                i++;
                continue;
            }

            int next = span[i..].IndexOfAny(Structural);
            if (next < 0)
            {
                return -1;
            }

            i += next;
            switch (span[i])
            {
                case (byte)'"':
                    this.inString = true;
                    break;
                case (byte)'{' or (byte)'[':
                    this.depth++;
                    break;
                default:
                    if (--this.depth == 0)
                    {
                        return i;
                    }

                    break;
            }

            i++;
        }

        return -1;
    }

    private void CheckSize(long scannedTo)
    {
        if (scannedTo - Math.Max(this.valueStart, 0) > this.MaxMessageSize)
        {
            long limit = this.MaxMessageSize;
            this.Reset();
            throw new OvsdbMessageTooLargeException(limit);
        }
    }

    private static string Describe(byte b) => b switch
    {
        (byte)'[' => "a JSON array",
        (byte)'"' => "a JSON string",
        (byte)'}' or (byte)']' => $"an unbalanced '{(char)b}'",
        >= (byte)'0' and <= (byte)'9' or (byte)'-' => "a JSON number",
        (byte)'t' or (byte)'f' or (byte)'n' => "a JSON literal or bytes that are not JSON",
        _ => $"bytes that are not valid JSON (0x{b:X2})",
    };

    private void Reset()
    {
        this.scanned = 0;
        this.valueStart = -1;
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
    }
}
