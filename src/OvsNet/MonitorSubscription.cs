using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;

namespace OvsNet;

/// <summary>
/// One monitor's queue of decoded updates, bounded by <see cref="OvsdbMonitorOptions.QueueCapacity"/>. The router writes
/// on the read loop, never blocking it: when the queue is full the update is either refused (the monitor lags and ends,
/// <see cref="OvsdbMonitorFullMode.Fault"/>) or handed back with a task the read loop awaits before reading the socket
/// again (<see cref="OvsdbMonitorFullMode.Backpressure"/>). The consumer reads it through an async stream that ends when
/// the monitor is cancelled or fails with the connection's error or the lag.
/// </summary>
/// <typeparam name="TUpdate">The decoded update.</typeparam>
/// <remarks>Thread-safe; one consumer at a time.</remarks>
internal sealed class MonitorSubscription<TUpdate> : IMonitorTarget
{
    private readonly Channel<TUpdate> channel;
    private readonly Func<string, JsonElement, TUpdate> decode;
    private readonly OvsdbMonitorOptions options;
    private int reading;
    private long received;

    public MonitorSubscription(Func<string, JsonElement, TUpdate> decode, OvsdbMonitorOptions options)
    {
        this.decode = decode;
        this.options = options;
        this.channel = Channel.CreateBounded<TUpdate>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Gets a task that completes when the stream has ended (faulted with the reason, if any).</summary>
    public Task Completion => this.channel.Reader.Completion;

    /// <summary>Gets how many updates were queued so far (the replica's read-your-writes barrier).</summary>
    public long Received => Interlocked.Read(ref this.received);

    /// <inheritdoc/>
    public MonitorDelivery OnUpdate(string monitorId, string method, JsonElement parameters, out Task? pause)
    {
        pause = null;
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
            return MonitorDelivery.Queued;
        }

        if (this.channel.Reader.Completion.IsCompleted)
        {
            return MonitorDelivery.Queued; // Ended (cancelled locally): late updates are dropped.
        }

        if (this.options.WhenFull == OvsdbMonitorFullMode.Backpressure)
        {
            pause = this.WriteWhenRoomAsync(update);
            return MonitorDelivery.Paused;
        }

        this.channel.Writer.TryComplete(new OvsdbMonitorLaggedException(monitorId, this.options.QueueCapacity));
        return MonitorDelivery.Lagged;
    }
    /// <inheritdoc/>
    public void Complete(Exception? error) => this.channel.Writer.TryComplete(error);

    /// <summary>Waits for room (the consumer reading, or the monitor ending), then queues <paramref name="update"/>.</summary>
    private async Task WriteWhenRoomAsync(TUpdate update)
    {
        try
        {
            await this.channel.Writer.WriteAsync(update).ConfigureAwait(false);
            Interlocked.Increment(ref this.received);
        }
        catch (ChannelClosedException)
        {
            // The monitor ended while waiting (cancelled, or the connection closed): the update goes with it.
        }
    }

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
