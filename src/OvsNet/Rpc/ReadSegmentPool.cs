using System.Buffers;

namespace OvsNet.Rpc;

/// <summary>
/// The read pipe's buffer segments for one connection: 64 KiB arrays, of which at most a few are kept for reuse. A
/// monitor reply of several megabytes needs a hundred segments at once; renting them from the shared array pool would
/// leave them cached there (kept alive) long after the reply was decoded, so the ones beyond the few kept here are
/// left to the garbage collector instead.
/// </summary>
/// <remarks>Thread-safe.</remarks>
internal sealed class ReadSegmentPool : MemoryPool<byte>
{
    /// <summary>The segment size.</summary>
    public const int SegmentSize = 64 * 1024;

    private const int Kept = 4;

    private readonly Lock gate = new();
    private readonly byte[]?[] free = new byte[Kept][];
    private int count;

    /// <inheritdoc/>
    public override int MaxBufferSize => Array.MaxLength;

    /// <inheritdoc/>
    public override IMemoryOwner<byte> Rent(int minBufferSize = -1)
    {
        if (minBufferSize <= SegmentSize)
        {
            lock (this.gate)
            {
                if (this.count > 0)
                {
                    byte[] array = this.free[--this.count]!;
                    this.free[this.count] = null;
                    return new Owner(this, array);
                }
            }
        }

        return new Owner(this, GC.AllocateUninitializedArray<byte>(Math.Max(minBufferSize, SegmentSize)));
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        lock (this.gate)
        {
            Array.Clear(this.free);
            this.count = 0;
        }
    }

    private void Return(byte[] array)
    {
        if (array.Length != SegmentSize)
        {
            return;
        }

        lock (this.gate)
        {
            if (this.count < Kept)
            {
                this.free[this.count++] = array;
            }
        }
    }

    private sealed class Owner(ReadSegmentPool pool, byte[] array) : IMemoryOwner<byte>
    {
        private byte[]? array = array;

        public Memory<byte> Memory => this.array ?? throw new ObjectDisposedException(nameof(ReadSegmentPool));

        public void Dispose()
        {
            if (Interlocked.Exchange(ref this.array, null) is byte[] returned)
            {
                pool.Return(returned);
            }
        }
    }
}
