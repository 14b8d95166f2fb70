using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>
/// TransactAsync writes operations straight into the request (one pass); the JSON on the wire must carry the same
/// values as the former path, which sent each operation as a <see cref="JsonElement"/> argument. Condition functions
/// and mutators go out unescaped (<c>"&lt;="</c>), as ovs-vsctl writes them and as the protocol's own JSON has them.
/// </summary>
public class TransactWireTests
{
    [Fact]
    public async Task Transact_params_carry_the_same_json_as_operations_sent_as_elements()
    {
        await using var h = Harness.Create();
        var named = new OvsdbNamedUuid("row_1");
        OvsdbOperation[] operations =
        [
            new InsertOperation("Port", new OvsdbRow([new("name", "p<0>&\"é\u2028😀\\"), new("tag", 42), new("ratio", 0.1), new("big", 1e300)]), named),
            new UpdateOperation(
                "Interface",
                [new OvsdbCondition("name", ConditionFunction.LessThanOrEqual, "a'b"), new OvsdbCondition("ofport", ConditionFunction.GreaterThan, -1)],
                new OvsdbRow([new("options", new OvsdbMap([new KeyValuePair<OvsdbAtom, OvsdbAtom>("k<", "v>"), new KeyValuePair<OvsdbAtom, OvsdbAtom>("n", 1)])), new("up", true)])),
            new MutateOperation("Bridge", [OvsdbCondition.True], [new OvsdbMutation("ports", Mutator.Insert, OvsdbSet.Of(named)), new OvsdbMutation("n", Mutator.Add, 3)]),
            new SelectOperation("Open_vSwitch", [new OvsdbCondition("_uuid", ConditionFunction.Equal, OvsdbUuid.Parse("11111111-1111-1111-1111-111111111111"))], ["next_cfg", "bridges"]),
            new DeleteOperation("Port", [new OvsdbCondition("name", ConditionFunction.NotEqual, "x"), OvsdbCondition.False]),
            new CommentOperation("comment </script> \u0001 ü"),
            new CommitOperation(true),
        ];

        Task<JsonElement> viaElements = h.Client.InvokeAsync(
            "transact",
            [(object?)"Open_vSwitch", .. operations.Select(o => (object?)JsonSerializer.SerializeToElement(o))],
            TestTimeouts.CallToken());
        string expected = ParamsText(await h.Peer.ReceiveRawAsync(TestTimeouts.CallToken()), out JsonElement first);
        await h.Peer.ReplyAsync(first, "[{},{},{},{},{},{},{}]");
        await viaElements;

        Task<OvsdbTransactResult> viaTransact = h.Client.TransactAsync("Open_vSwitch", operations, TestTimeouts.CallToken());
        string actual = ParamsText(await h.Peer.ReceiveRawAsync(TestTimeouts.CallToken()), out JsonElement second);
        await h.Peer.ReplyAsync(second, """[{"uuid":["uuid","22222222-2222-2222-2222-222222222222"]},{"count":1},{"count":1},{"rows":[]},{"count":0},{},{}]""");
        await viaTransact;

        Assert.True(
            JsonElement.DeepEquals(JsonDocument.Parse(expected).RootElement, JsonDocument.Parse(actual).RootElement),
            $"expected {expected}\nactual   {actual}");
        Assert.Contains("\"<=\"", actual, StringComparison.Ordinal);
        Assert.Contains("[\"ports\",\"insert\",", actual, StringComparison.Ordinal);
    }

    private static string ParamsText(string raw, out JsonElement request)
    {
        request = JsonDocument.Parse(raw).RootElement;
        return request.GetProperty("params").GetRawText();
    }
}
