using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Nerdbank.Streams;
using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Micro;

/// <summary>
/// The client's wire path (JsonValueFramer, the message handler, StreamJsonRpc, result decoding) through public API only:
/// <see cref="OvsdbClient.Create"/> over an in-memory duplex stream whose other end is a scripted server that answers
/// each request with a canned reply, writing the replies to all the requests of one read in one write (so several
/// concatenated JSON values arrive together, as from ovsdb-server under load).
/// </summary>
[MemoryDiagnoser]
public class FramingBenchmarks
{
    private static readonly OvsdbOperation[] SelectAll = [new SelectOperation("Interface", [])];

    private OvsdbClient client = null!;
    private ScriptedServer server = null!;
    private readonly Task[] echoes = new Task[100];

    [GlobalSetup]
    public void Setup()
    {
        (Stream clientSide, Stream serverSide) = FullDuplexStream.CreatePair();
        this.server = new ScriptedServer(serverSide, new Dictionary<string, byte[]> { ["transact"] = BuildSelectResult(1000) });
        this.client = OvsdbClient.Create(clientSide, new OvsdbClientOptions { ValidateAgainstSchema = false });
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await this.client.DisposeAsync();
        await this.server.DisposeAsync();
    }

    /// <summary>One echo round trip: a ~40-byte request, a ~40-byte reply.</summary>
    [Benchmark]
    public Task Echo_round_trip() => this.client.EchoAsync();

    /// <summary>100 echoes in flight; their replies arrive concatenated in few writes.</summary>
    [Benchmark(OperationsPerInvoke = 100)]
    public Task Echo_100_in_flight()
    {
        for (int i = 0; i < this.echoes.Length; i++)
        {
            this.echoes[i] = this.client.EchoAsync();
        }

        return Task.WhenAll(this.echoes);
    }

    /// <summary>A transact whose reply is a 1,000-row select result (~110 kB), framed and decoded.</summary>
    [Benchmark]
    public Task<OvsdbTransactResult> Select_reply_1000_rows() => this.client.TransactAsync("Open_vSwitch", SelectAll);

    internal static byte[] BuildSelectResult(int rows)
    {
        var sb = new StringBuilder("[{\"rows\":[");
        for (int i = 0; i < rows; i++)
        {
            sb.Append(i == 0 ? "" : ",")
              .Append(CultureInfo.InvariantCulture, $"{{\"_uuid\":[\"uuid\",\"{Guid.NewGuid()}\"],\"_version\":[\"uuid\",\"{Guid.NewGuid()}\"],\"name\":\"p{i}\",\"type\":\"internal\",\"ofport\":[\"set\",[]],\"external_ids\":[\"map\",[]],\"other_config\":[\"map\",[]],\"mtu\":[\"set\",[]],\"admin_state\":[\"set\",[]]}}");
        }

        return Encoding.UTF8.GetBytes(sb.Append("]}]").ToString());
    }
}
