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

    public static Harness Create(TimeSpan? requestTimeout = null)
    {
        (ScriptedOvsdbPeer peer, Stream stream) = ScriptedOvsdbPeer.Create();
        var logs = new TestLoggerFactory();
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
