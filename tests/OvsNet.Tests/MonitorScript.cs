using System.Text.Json;
using OvsNet.Protocol;

namespace OvsNet.Tests;

/// <summary>Helpers to start monitors against the scripted peer.</summary>
internal static class MonitorScript
{
    public const string Uuid1 = "11111111-1111-1111-1111-111111111111";
    public const string Uuid2 = "22222222-2222-2222-2222-222222222222";

    public static IReadOnlyDictionary<string, IReadOnlyList<MonitorRequest>> Bridges { get; } =
        new Dictionary<string, IReadOnlyList<MonitorRequest>> { ["Bridge"] = [new MonitorRequest { Columns = ["name"] }] };

    public static string Insert(string uuid, string name) => "{\"Bridge\":{\"" + uuid + "\":{\"insert\":{\"name\":\"" + name + "\"}}}}";

    /// <summary>Starts monitor_cond; <paramref name="afterReply"/> is written in the same write as the reply.</summary>
    public static async Task<(OvsdbConditionalMonitor Monitor, string MonitorId)> StartAsync(Harness h, string afterReply = "", OvsdbMonitorOptions? options = null)
    {
        Task<OvsdbConditionalMonitor> start = h.Client.MonitorCondAsync("Open_vSwitch", Bridges, options ?? OvsdbMonitorOptions.Default, TestSupport.TestTimeouts.CallToken());
        JsonElement request = await h.Peer.ExpectRequestAsync("monitor_cond");
        string monitorId = request.GetProperty("params")[1].GetString()!;
        await h.Peer.SendAsync(
            $$"""{"id":{{request.GetProperty("id")}},"result":{{Insert(Uuid1, "br-initial")}},"error":null}""" + afterReply.Replace("$MON", monitorId, StringComparison.Ordinal));
        return (await start, monitorId);
    }

    public static string Update2(string monitorId, string uuid, string name)
        => $$"""{"id":null,"method":"update2","params":["{{monitorId}}",{{Insert(uuid, name)}}]}""";

    public static string NameOf(TableUpdates2 updates) => updates["Bridge"].Values.Single().Row!["name"].AsAtom().AsString();
}
