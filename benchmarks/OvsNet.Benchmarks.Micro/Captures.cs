using System.Text.Json;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Micro;

/// <summary>
/// Real ovsdb-server 3.1 replies (written by <c>OvsNet.Benchmarks.Runner --capture DIR 1000</c>): the result of a
/// transact inserting a bridge with 1,000 internal ports (2,002 operations), and the monitor_cond reply of that database
/// (2,002 rows: Open_vSwitch, Bridge, 1,000 Port, 1,000 Interface).
/// </summary>
public static class Captures
{
    public static byte[] TransactReply { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Captures", "transact-reply-1000-ports.json"));

    public static byte[] MonitorReply { get; } = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Captures", "monitor-cond-reply-1000-ports.json"));

    public static DatabaseSchema Schema { get; } = DatabaseSchema.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema")));

    public static JsonElement Parse(byte[] json)
    {
        using JsonDocument doc = JsonDocument.Parse(json);
        return doc.RootElement.Clone();
    }
}
