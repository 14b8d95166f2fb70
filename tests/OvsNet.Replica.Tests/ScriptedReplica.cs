using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Replica.Tests;

/// <summary>A replica over a <see cref="ScriptedOvsdbPeer"/> with a small schema exercising every column shape.</summary>
internal sealed class ScriptedReplica : IAsyncDisposable
{
    public const string Schema = """
        {"name":"D","version":"1.0.0","tables":{"T":{"isRoot":true,"indexes":[["s","i"]],"columns":{
          "i":{"type":"integer"},
          "r":{"type":"real"},
          "s":{"type":"string"},
          "o":{"type":{"key":"string","min":0,"max":1}},
          "set":{"type":{"key":"integer","min":0,"max":"unlimited"}},
          "m":{"type":{"key":"string","value":"string","min":0,"max":"unlimited"}},
          "mr":{"type":{"key":"integer","value":"real","min":0,"max":"unlimited"}}}}}}
        """;

    private ScriptedReplica(ScriptedOvsdbPeer peer, OvsdbClient client, OvsdbReplica replica, string monitorId)
    {
        this.Peer = peer;
        this.Client = client;
        this.Replica = replica;
        this.MonitorId = monitorId;
    }

    public ScriptedOvsdbPeer Peer { get; }

    public OvsdbClient Client { get; }

    public OvsdbReplica Replica { get; }

    public string MonitorId { get; }

    public TableSchema Table => this.Replica.Current.GetTable("T").Schema;

    public static async Task<ScriptedReplica> StartAsync(string initialMethodReply = "")
    {
        (ScriptedOvsdbPeer peer, Stream stream) = ScriptedOvsdbPeer.Create();
        OvsdbClient client = OvsdbClient.Create(stream);
        Task<OvsdbReplica> start = OvsdbReplica.StartAsync(client, new OvsdbReplicaOptions
        {
            Database = "D",
            Tables = [new OvsdbReplicaTableOptions("T")],
            Indexes = [OvsdbReplicaIndex.OnMapKey("T", "m", "k0")],
        }, TestTimeouts.CallToken());
        JsonElement request = await peer.ExpectRequestAsync("get_schema", TestTimeouts.CallToken());
        await peer.ReplyAsync(request, Schema);
        request = await peer.ExpectRequestAsync("monitor_cond_since", TestTimeouts.CallToken());
        string monitorId = request.GetProperty("params")[1].GetString()!;
        if (initialMethodReply == "unknown method")
        {
            // An older server: the replica falls back to monitor_cond.
            await peer.ReplyErrorAsync(request, "\"unknown method\"");
            request = await peer.ExpectRequestAsync("monitor_cond", TestTimeouts.CallToken());
            monitorId = request.GetProperty("params")[1].GetString()!;
            await peer.ReplyAsync(request, "{}");
        }
        else
        {
            await peer.ReplyAsync(request, """[false,"00000000-0000-0000-0000-000000000000",{}]""");
        }

        return new ScriptedReplica(peer, client, await start, monitorId);
    }

    /// <summary>Sends one update3 (or update2) and waits until the replica has applied it.</summary>
    public async Task SendAsync(string tableUpdates2Json, bool update3 = true)
    {
        long version = this.Replica.Current.Version;
        await this.Peer.NotifyAsync(
            update3 ? "update3" : "update2",
            update3 ? $"[\"{this.MonitorId}\",\"{Guid.NewGuid()}\",{tableUpdates2Json}]" : $"[\"{this.MonitorId}\",{tableUpdates2Json}]");
        await ReplicaTestKit.EventuallyAsync(() => this.Replica.Current.Version > version || this.Replica.State != OvsdbReplicaState.Synchronized, "the update is applied");
    }

    public async ValueTask DisposeAsync()
    {
        Task dispose = this.Replica.DisposeAsync().AsTask();
        JsonElement cancel = await this.Peer.ExpectRequestAsync("monitor_cancel", TestTimeouts.CallToken());
        await this.Peer.ReplyAsync(cancel, "{}");
        await dispose;
        await this.Client.DisposeAsync();
        await this.Peer.DisposeAsync();
    }
}
