using System.Diagnostics;
using System.Net.Security;

namespace OvsNet;

/// <summary>
/// The stream of one connection as opened by <see cref="OvsdbConnector"/>: it records when bytes were last received
/// (any bytes count as activity for the inactivity probe, so a large message arriving slowly never trips it) and, for
/// TLS, sends the close_notify alert (<see cref="SslStream.ShutdownAsync"/>) before closing, so the server does not log
/// "unexpected eof".
/// </summary>
/// <remarks>Reads and writes may overlap (one reader, one writer), as on any network stream; disposal is idempotent.</remarks>
internal sealed class OvsdbConnectionStream : Stream
{
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(1);

    private readonly Stream inner;
    private long lastReceived = Stopwatch.GetTimestamp();
    private int disposed;

    /// <summary>Initializes a new instance of the <see cref="OvsdbConnectionStream"/> class.</summary>
    /// <param name="inner">The network or TLS stream; owned.</param>
    public OvsdbConnectionStream(Stream inner) => this.inner = inner;

    /// <summary>Gets the <see cref="Stopwatch"/> timestamp of the last read that returned bytes (or of creation).</summary>
    public long LastReceivedTimestamp => Volatile.Read(ref this.lastReceived);

    /// <summary>Gets the TLS stream when this is a TLS connection.</summary>
    public SslStream? Tls => this.inner as SslStream;

    /// <inheritdoc/>
    public override bool CanRead => this.inner.CanRead;

    /// <inheritdoc/>
    public override bool CanWrite => this.inner.CanWrite;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => this.Received(this.inner.Read(buffer, offset, count));

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => this.Received(await this.inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => this.ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => this.inner.Write(buffer, offset, count);

    /// <inheritdoc/>
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        => this.inner.WriteAsync(buffer, cancellationToken);

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => this.inner.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Flush() => this.inner.Flush();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => this.inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Sends close_notify (TLS only) and closes, waiting at most a second for the alert to be written.</summary>
    /// <returns>A task that completes when the stream is closed.</returns>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref this.disposed, 1) == 0)
        {
            await this.CloseInnerAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref this.disposed, 1) == 0)
        {
            // The synchronous path cannot await the alert; close once it is written (or has failed).
            _ = this.CloseInnerAsync();
        }

        base.Dispose(disposing);
    }

    private async Task CloseInnerAsync()
    {
        if (this.inner is SslStream tls)
        {
            try
            {
                await tls.ShutdownAsync().WaitAsync(ShutdownTimeout).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException or TimeoutException or NotSupportedException)
            {
                // The peer is gone or the stream already failed: nothing to notify.
            }
        }

        await this.inner.DisposeAsync().ConfigureAwait(false);
    }

    private int Received(int count)
    {
        if (count > 0)
        {
            Volatile.Write(ref this.lastReceived, Stopwatch.GetTimestamp());
        }

        return count;
    }
}
