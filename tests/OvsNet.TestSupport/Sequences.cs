using System.Buffers;

namespace OvsNet.TestSupport;

/// <summary>Byte sequences made of more than one segment, as a pipe hands them to a reader.</summary>
public static class Sequences
{
    /// <summary>Returns <paramref name="bytes"/> as two segments, the first ending before index <paramref name="cut"/>.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <param name="cut">Where the second segment starts (1 to length - 1).</param>
    /// <returns>The two-segment sequence.</returns>
    public static ReadOnlySequence<byte> Split(byte[] bytes, int cut)
    {
        var first = new Segment(bytes.AsMemory(0, cut), 0);
        Segment last = first.Append(bytes.AsMemory(cut));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            this.Memory = memory;
            this.RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, this.RunningIndex + this.Memory.Length);
            this.Next = next;
            return next;
        }
    }
}
