using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// Fake cluster members for <see cref="OvsdbSessionOptions.ConnectStream"/>: every connection gets a fresh
/// <see cref="ScriptedOvsdbPeer"/>, driven by the test's script for that endpoint.
/// </summary>
internal sealed class ScriptedMembers : IAsyncDisposable
{
    private readonly Func<OvsdbEndpoint, int, ScriptedOvsdbPeer, Task> script;
    private readonly ConcurrentBag<ScriptedOvsdbPeer> peers = [];
    private readonly ConcurrentBag<Task> scripts = [];
    private int connections;

    public ScriptedMembers(Func<OvsdbEndpoint, int, ScriptedOvsdbPeer, Task> script) => this.script = script;

    /// <summary>Gets the endpoints connected to, in order.</summary>
    public ConcurrentQueue<OvsdbEndpoint> Connected { get; } = new();

    public Task<Stream> ConnectAsync(OvsdbEndpoint endpoint, CancellationToken cancellationToken)
    {
        (ScriptedOvsdbPeer peer, Stream stream) = ScriptedOvsdbPeer.Create();
        int number = Interlocked.Increment(ref this.connections);
        this.Connected.Enqueue(endpoint);
        this.peers.Add(peer);
        this.scripts.Add(Task.Run(() => this.script(endpoint, number, peer), CancellationToken.None));
        return Task.FromResult(stream);
    }

    /// <summary>Answers the session's <c>monitor_cond</c> on <c>_Server</c> with one Database row.</summary>
    /// <returns>The monitor id (raw JSON) and the row's uuid, for later update2 notifications.</returns>
    public static async Task<(string MonitorId, string RowUuid)> AnswerServerMonitorAsync(ScriptedOvsdbPeer peer, bool leader, long index, bool connected = true, string model = "clustered")
    {
        JsonElement request = await peer.ExpectRequestAsync("monitor_cond");
        Assert.Equal("_Server", request.GetProperty("params")[0].GetString());
        JsonElement database = request.GetProperty("params")[2].GetProperty("Database")[0];
        Assert.Equal(
            ["name", "model", "connected", "leader", "schema", "cid", "index", "sid"],
            database.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!));

        // update2 initial rows omit columns equal to their default (leader:false, connected:false).
        var row = new List<string> { "\"name\":\"Open_vSwitch\"", $"\"model\":\"{model}\"", "\"schema\":\"{}\"", string.Create(CultureInfo.InvariantCulture, $"\"index\":{index}") };
        if (leader)
        {
            row.Add("\"leader\":true");
        }

        if (connected)
        {
            row.Add("\"connected\":true");
        }

        string uuid = Guid.NewGuid().ToString();
        await peer.ReplyAsync(request, $"{{\"Database\":{{\"{uuid}\":{{\"initial\":{{{string.Join(',', row)}}}}}}}}}");
        return (request.GetProperty("params")[1].GetRawText(), uuid);
    }

    /// <summary>Answers echo requests until the client goes away.</summary>
    public static async Task AnswerEchoesAsync(ScriptedOvsdbPeer peer)
    {
        try
        {
            while (true)
            {
                JsonElement request = await peer.ReceiveAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
                if (request.TryGetProperty("method", out JsonElement method) && method.GetString() == "echo")
                {
                    await peer.ReplyAsync(request, "[]");
                }
            }
        }
        catch (Exception ex) when (ex is EndOfStreamException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (ScriptedOvsdbPeer peer in this.peers)
        {
            await peer.DisposeAsync();
        }

        try
        {
            await Task.WhenAll(this.scripts).WaitAsync(TestTimeouts.Call);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            // Scripts end with the stream; assertion failures inside them are checked by the tests themselves.
        }
    }
}
