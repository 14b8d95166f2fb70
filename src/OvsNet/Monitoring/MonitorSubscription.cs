using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using OvsNet.Client;

namespace OvsNet.Monitoring;

/// <summary>
/// One monitor's queue of decoded updates. The router writes on the read loop (never blocking: the queue is
/// unbounded, so a slow consumer delays nothing else, in particular not the echo answer); the consumer reads it
/// through an async stream that ends when the monitor is cancelled or fails with the connection's error.
/// </summary>
/// <typeparam name="TUpdate">The decoded update.</typeparam>
/// <remarks>Thread-safe; one consumer at a time.</remarks>
internal sealed class MonitorSubscription<TUpdate> : IMonitorTarget
{
    private readonly Channel<TUpdate> channel = Channel.CreateUnbounded<TUpdate>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly Func<string, JsonElement, TUpdate> decode;
    private int reading;
    private long received;

    public MonitorSubscription(Func<string, JsonElement, TUpdate> decode) => this.decode = decode;

    /// <summary>Gets a task that completes when the stream has ended (faulted with the reason, if any).</summary>
    public Task Completion => this.channel.Reader.Completion;

    /// <summary>Gets how many updates were queued so far (the replica's read-your-writes barrier).</summary>
    public long Received => Interlocked.Read(ref this.received);

    /// <inheritdoc/>
    public void OnUpdate(string method, JsonElement parameters)
    {
        TUpdate update;
        try
        {
            update = this.decode(method, parameters);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or FormatException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            throw new OvsdbProtocolException($"Received a {method} notification OvsNet cannot decode: {ex.Message}", ex);
        }

        if (this.channel.Writer.TryWrite(update))
        {
            Interlocked.Increment(ref this.received);
        }
    }

    /// <inheritdoc/>
    public void Complete(Exception? error) => this.channel.Writer.TryComplete(error);

    /// <summary>Reads updates until the monitor ends.</summary>
    public async IAsyncEnumerable<TUpdate> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref this.reading, 1) != 0)
        {
            throw new InvalidOperationException("The updates of a monitor can be read by one consumer at a time.");
        }

        try
        {
            ChannelReader<TUpdate> reader = this.channel.Reader;
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (reader.TryRead(out TUpdate? update))
                {
                    yield return update;
                }
            }
        }
        finally
        {
            Volatile.Write(ref this.reading, 0);
        }
    }
}
