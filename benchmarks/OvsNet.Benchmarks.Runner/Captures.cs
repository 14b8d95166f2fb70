using System.Text.Json;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Runner;

/// <summary>
/// Writes real ovsdb-server replies for the micro-benchmarks (benchmarks/OvsNet.Benchmarks.Micro/Captures): the
/// transact reply of a bulk insert of N ports, and the monitor_cond reply (table-updates2) of the database holding them.
/// </summary>
internal static class Captures
{
    public static async Task<int> WriteAsync(string directory, int n)
    {
        Directory.CreateDirectory(directory);
        string schemaPath = Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema");
        DatabaseSchema schema = DatabaseSchema.Parse(await File.ReadAllTextAsync(schemaPath));
        await using PrivateOvsdbServer server = await PrivateOvsdbServer.StartAsync(schemaPath, useTcp: false);
        await using FloorClient floor = await FloorClient.ConnectAsync(server.UnixEndpoint);
        byte[] transact = await floor.BulkReplyAsync("br0", "p", n);
        (byte[] monitor, int rows) = await floor.SyncAsync([.. schema.Tables.Keys]);
        await File.WriteAllBytesAsync(Path.Combine(directory, $"transact-reply-{n}-ports.json"), Result(transact));
        await File.WriteAllBytesAsync(Path.Combine(directory, $"monitor-cond-reply-{n}-ports.json"), Result(monitor));
        Console.WriteLine($"wrote {directory}: transact reply of {2 * n + 2} operations, monitor_cond reply of {rows} rows");
        return 0;
    }

    /// <summary>The "result" member of a reply, re-serialized compactly as the server sent it.</summary>
    private static byte[] Result(byte[] reply)
    {
        using JsonDocument doc = JsonDocument.Parse(reply);
        return JsonSerializer.SerializeToUtf8Bytes(doc.RootElement.GetProperty("result"));
    }
}
