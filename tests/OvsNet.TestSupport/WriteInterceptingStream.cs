using System.Net.Sockets;
using System.Text;

namespace OvsNet.TestSupport;

/// <summary>
/// A client's end of a connection whose writes are watched for a marker (for example the <c>"ovsnet: </c> comment
/// OvsNet.Vswitch adds to each transaction it commits): the write that completes a marker is held until
/// <c>onMarker</c>, given how many markers have been seen (1, 2, ...), has finished. The server has not received the
/// whole message by then, so it cannot have run it. Reads pass through.
/// </summary>
/// <remarks>For one reader and one writer at a time, like a socket stream.</remarks>
public sealed class WriteInterceptingStream : Stream
{
    private readonly Stream inner;
    private readonly byte[] marker;
    private readonly Func<int, CancellationToken, Task> onMarker;
    private byte[] tail = [];
    private int seen;

    /// <summary>Initializes a new instance of the <see cref="WriteInterceptingStream"/> class.</summary>
    /// <param name="inner">The connected stream, owned by this one.</param>
    /// <param name="marker">The text to watch for in what is written (UTF-8).</param>
    /// <param name="onMarker">Runs before a write completing the marker goes out, with the marker's ordinal (1-based).</param>
    public WriteInterceptingStream(Stream inner, string marker, Func<int, CancellationToken, Task> onMarker)
    {
        ArgumentException.ThrowIfNullOrEmpty(marker);
        this.inner = inner;
        this.marker = Encoding.UTF8.GetBytes(marker);
        this.onMarker = onMarker;
    }

    /// <summary>Gets how many markers were written so far.</summary>
    public int MarkersSeen => Volatile.Read(ref this.seen);

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Connects to a unix socket (<c>unix:PATH</c> or a path) and wraps the connection.</summary>
    /// <param name="endpoint">The socket, as <c>unix:PATH</c> or PATH.</param>
    /// <param name="marker">The text to watch for.</param>
    /// <param name="onMarker">Runs before a write completing the marker goes out.</param>
    /// <param name="cancellationToken">Cancels connecting.</param>
    /// <returns>The stream.</returns>
    public static async Task<WriteInterceptingStream> ConnectUnixAsync(string endpoint, string marker, Func<int, CancellationToken, Task> onMarker, CancellationToken cancellationToken)
    {
        string path = endpoint.StartsWith("unix:", StringComparison.Ordinal) ? endpoint["unix:".Length..] : endpoint;
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        return new WriteInterceptingStream(new NetworkStream(socket, ownsSocket: true), marker, onMarker);
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        int found = this.CountMarkers(buffer.Span);
        for (int i = 0; i < found; i++)
        {
            await this.onMarker(Interlocked.Increment(ref this.seen), cancellationToken);
        }

        await this.inner.WriteAsync(buffer, cancellationToken);
    }

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => this.WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => this.WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => this.inner.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => this.inner.ReadAsync(buffer, offset, count, cancellationToken);

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => this.inner.Read(buffer, offset, count);

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => this.inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override void Flush() => this.inner.Flush();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override ValueTask DisposeAsync() => this.inner.DisposeAsync();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            this.inner.Dispose();
        }

        base.Dispose(disposing);
    }

    /// <summary>Counts the markers that end in <paramref name="written"/> (one may start in the previous write).</summary>
    private int CountMarkers(ReadOnlySpan<byte> written)
    {
        byte[] window = [.. this.tail, .. written];
        int count = 0;
        for (int start = 0; ;)
        {
            int index = window.AsSpan(start).IndexOf(this.marker);
            if (index < 0)
            {
                break;
            }

            count++;
            start += index + this.marker.Length;
        }

        int keep = Math.Min(this.marker.Length - 1, window.Length);
        this.tail = window[^keep..];
        return count;
    }
}
