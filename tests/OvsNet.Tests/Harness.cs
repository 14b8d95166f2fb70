using OvsNet.Client;
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
    public static Harness Create(TimeSpan? requestTimeout = null, bool traceWire = false)
    {
        (ScriptedOvsdbPeer peer, Stream stream) = ScriptedOvsdbPeer.Create();
        var logs = new TestLoggerFactory { MinimumLevel = traceWire ? Microsoft.Extensions.Logging.LogLevel.Trace : Microsoft.Extensions.Logging.LogLevel.Debug };
        OvsdbClient client = OvsdbClient.Create(stream, new OvsdbClientOptions
        {
            LoggerFactory = logs,
            RequestTimeout = requestTimeout ?? Timeout.InfiniteTimeSpan,
        });
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
