using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>An <see cref="OvsdbClient"/> wired to a <see cref="ScriptedOvsdbPeer"/>, with its logs captured.</summary>
public sealed class Harness : IAsyncDisposable
{
    private Harness(ScriptedOvsdbPeer peer, OvsdbClient client, TestLoggerFactory logs)
    {
        this.Peer = peer;
        this.Client = client;
        this.Logs = logs;
    }

    public ScriptedOvsdbPeer Peer { get; }

    public OvsdbClient Client { get; }

    public TestLoggerFactory Logs { get; }

    /// <param name="requestTimeout">The client's request timeout (none by default).</param>
    /// <param name="traceWire">Log at Trace (every wire message), which sends replies through the general read path.</param>
    /// <param name="wrapStream">Wraps the client's end of the stream (to hold or fail its writes).</param>
    /// <param name="configure">Changes the client options.</param>
    public static Harness Create(TimeSpan? requestTimeout = null, bool traceWire = false, Func<Stream, Stream>? wrapStream = null, Func<OvsdbClientOptions, OvsdbClientOptions>? configure = null)
    {
        (ScriptedOvsdbPeer peer, Stream stream) = ScriptedOvsdbPeer.Create();
        stream = wrapStream is null ? stream : wrapStream(stream);
        var logs = new TestLoggerFactory { MinimumLevel = traceWire ? Microsoft.Extensions.Logging.LogLevel.Trace : Microsoft.Extensions.Logging.LogLevel.Debug };
        var options = new OvsdbClientOptions
        {
            LoggerFactory = logs,
            RequestTimeout = requestTimeout ?? Timeout.InfiniteTimeSpan,
        };
        OvsdbClient client = OvsdbClient.Create(stream, configure is null ? options : configure(options));
        return new Harness(peer, client, logs);
    }

    /// <summary>Fails the test if the client logged a warning or error (StreamJsonRpc's included).</summary>
    public void AssertNoWarnings() => Assert.Empty(this.Logs.Warnings);

    public async ValueTask DisposeAsync()
    {
        await this.Client.DisposeAsync();
        await this.Peer.DisposeAsync();
    }
}
