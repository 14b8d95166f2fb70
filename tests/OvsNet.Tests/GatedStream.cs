namespace OvsNet.Tests;

/// <summary>
/// The client's end of a test stream whose writes can be held (as a full socket send buffer holds them) or made to
/// fail with <see cref="IOException"/> (as a reset socket does). Reads pass through.
/// </summary>
/// <remarks>Thread-safe for one reader and one writer, like the stream it wraps.</remarks>
internal sealed class GatedStream(Stream inner) : Stream
{
    private TaskCompletionSource open = CreateOpen();
    private volatile bool failWrites;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Holds every write from now on until <see cref="Open"/>.</summary>
    public void Hold() => Volatile.Write(ref this.open, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    /// <summary>Lets held and later writes through.</summary>
    public void Open() => Volatile.Read(ref this.open).TrySetResult();

    /// <summary>Makes every write from now on throw <see cref="IOException"/>.</summary>
    public void FailWrites() => this.failWrites = true;

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await Volatile.Read(ref this.open).Task.WaitAsync(cancellationToken);
        if (this.failWrites)
        {
            throw new IOException("Connection reset by peer (test).");
        }

        await inner.WriteAsync(buffer, cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => this.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => this.WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.Open();
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private static TaskCompletionSource CreateOpen()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }
}
