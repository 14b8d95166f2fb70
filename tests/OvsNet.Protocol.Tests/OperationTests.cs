using System.Text.Json;

namespace OvsNet.Protocol.Tests;

public class OperationTests
{
    private static readonly OvsdbUuid Ovs = OvsdbUuid.Parse("eab458bd-0000-4000-8000-000000000001");

    public static TheoryData<OvsdbOperation, string> Golden() => new()
    {
        {
            new InsertOperation("Bridge", new OvsdbRow([new("name", "br0"), new("ports", new OvsdbNamedUuid("p"))]), new OvsdbNamedUuid("b")),
            """{"op":"insert","table":"Bridge","uuid-name":"b","row":{"name":"br0","ports":["named-uuid","p"]}}"""
        },
        {
            // ovsdb-server 3.1 wants a bare string for insert's "uuid" (the tagged form is a syntax error; captured).
            new InsertOperation("T", OvsdbRow.Empty) { Uuid = OvsdbUuid.Parse("5c7a58c4-8a3b-4a66-9b7c-2d2b1c0f0a11") },
            """{"op":"insert","table":"T","uuid":"5c7a58c4-8a3b-4a66-9b7c-2d2b1c0f0a11","row":{}}"""
        },
        {
            new SelectOperation("Open_vSwitch", [OvsdbCondition.UuidIs(Ovs)], ["next_cfg"]),
            """{"op":"select","table":"Open_vSwitch","where":[["_uuid","==",["uuid","eab458bd-0000-4000-8000-000000000001"]]],"columns":["next_cfg"]}"""
        },
        {
            new SelectOperation("Bridge", []),
            """{"op":"select","table":"Bridge","where":[]}"""
        },
        {
            new UpdateOperation("Bridge", [OvsdbCondition.Equal("name", "br0")], new OvsdbRow([new("ports", OvsdbSet.Empty)])),
            """{"op":"update","table":"Bridge","where":[["name","==","br0"]],"row":{"ports":["set",[]]}}"""
        },
        {
            new MutateOperation("Open_vSwitch", [OvsdbCondition.UuidIs(Ovs)], [new OvsdbMutation("next_cfg", Mutator.Add, 1)]),
            """{"op":"mutate","table":"Open_vSwitch","where":[["_uuid","==",["uuid","eab458bd-0000-4000-8000-000000000001"]]],"mutations":[["next_cfg","+=",1]]}"""
        },
        {
            new DeleteOperation("Bridge", [OvsdbCondition.True]),
            """{"op":"delete","table":"Bridge","where":[true]}"""
        },
        {
            new WaitOperation("Open_vSwitch", [], [], WaitUntil.Equal, TimeSpan.Zero),
            """{"op":"wait","table":"Open_vSwitch","where":[],"until":"==","rows":[],"timeout":0}"""
        },
        {
            new WaitOperation("Bridge", [OvsdbCondition.False], [new OvsdbRow([new("name", "x")])], WaitUntil.NotEqual, TimeSpan.FromSeconds(1.5), ["name"]),
            """{"op":"wait","table":"Bridge","where":[false],"columns":["name"],"until":"!=","rows":[{"name":"x"}],"timeout":1500}"""
        },
        { new CommitOperation(true), """{"op":"commit","durable":true}""" },
        { new AbortOperation(), """{"op":"abort"}""" },
        { new CommentOperation("ovs-vsctl: add-br br0"), """{"op":"comment","comment":"ovs-vsctl: add-br br0"}""" },
        { new AssertOperation("my_lock"), """{"op":"assert","lock":"my_lock"}""" },
    };

    [Theory]
    [MemberData(nameof(Golden))]
    public void Operations_write_their_exact_json_and_read_it_back(OvsdbOperation operation, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(operation));
        Assert.Equal(json, JsonSerializer.Serialize<OvsdbOperation>(operation)); // polymorphic through the base type
        OvsdbOperation read = JsonSerializer.Deserialize<OvsdbOperation>(json)!;
        Assert.Equal(operation.GetType(), read.GetType());
        Assert.Equal(json, JsonSerializer.Serialize(read));
    }

    [Fact]
    public void Every_condition_function_and_mutator_has_its_rfc_name()
    {
        string[] functions = ["<", "<=", "==", "!=", ">=", ">", "includes", "excludes"];
        Assert.Equal(functions, Enum.GetValues<ConditionFunction>().Select(OvsdbCondition.FunctionName));
        foreach (ConditionFunction f in Enum.GetValues<ConditionFunction>())
        {
            var condition = new OvsdbCondition("c", f, 1);
            Assert.Equal($"[\"c\",\"{OvsdbCondition.FunctionName(f)}\",1]", JsonSerializer.Serialize(condition));
            Assert.Equal(condition, JsonSerializer.Deserialize<OvsdbCondition>(JsonSerializer.Serialize(condition)));
        }

        string[] mutators = ["+=", "-=", "*=", "/=", "%=", "insert", "delete"];
        Assert.Equal(mutators, Enum.GetValues<Mutator>().Select(OvsdbMutation.MutatorName));
        foreach (Mutator m in Enum.GetValues<Mutator>())
        {
            var mutation = new OvsdbMutation("c", m, OvsdbSet.Of(1));
            Assert.Equal($"[\"c\",\"{OvsdbMutation.MutatorName(m)}\",[\"set\",[1]]]", JsonSerializer.Serialize(mutation));
            Assert.Equal(mutation, JsonSerializer.Deserialize<OvsdbMutation>(JsonSerializer.Serialize(mutation)));
        }
    }

    [Fact]
    public void Bare_true_and_false_conditions_round_trip()
    {
        Assert.Equal("true", JsonSerializer.Serialize(OvsdbCondition.True));
        Assert.Same(OvsdbCondition.False, JsonSerializer.Deserialize<OvsdbCondition>("false"));
    }

    [Fact]
    public void The_ovs_vsctl_add_br_transaction_reads_and_writes_back_unchanged()
    {
        // Captured verbatim from `ovs-vsctl --no-wait -vjsonrpc add-br br0` against a private server.
        JsonElement capture = TestData.Capture("ovs_vsctl_add_br_transact.json");
        Assert.Equal("Open_vSwitch", capture[0].GetString());
        OvsdbOperation[] operations = [.. capture.EnumerateArray().Skip(1).Select(e => e.Deserialize<OvsdbOperation>()!)];
        Assert.Equal(["wait", "update", "insert", "insert", "insert", "comment"], operations.Select(o => o.Op));
        for (int i = 0; i < operations.Length; i++)
        {
            TestData.AssertJsonEqual(capture[i + 1].GetRawText(), JsonSerializer.Serialize(operations[i]));
        }

        var wait = (WaitOperation)operations[0];
        Assert.Equal(TimeSpan.Zero, wait.Timeout);
        Assert.Equal(["bridges"], wait.Columns!);
        Assert.Equal(OvsdbValue.EmptySet, wait.Rows[0]["bridges"]);
        InsertOperation insert = operations.OfType<InsertOperation>().First();
        Assert.NotNull(insert.UuidName);
        Assert.StartsWith("row", insert.UuidName.Value.Name, StringComparison.Ordinal);
    }

    [Fact]
    public void The_captured_successful_transaction_reads_and_writes_back_unchanged()
    {
        JsonElement ops = TestData.Capture("transact_results.json").GetProperty("success_insert_select_update_mutate_delete").GetProperty("ops");
        foreach (JsonElement op in ops.EnumerateArray())
        {
            TestData.AssertJsonEqual(op.GetRawText(), JsonSerializer.Serialize(op.Deserialize<OvsdbOperation>()));
        }
    }

    [Fact]
    public void Constructors_validate_arguments()
    {
        Assert.ThrowsAny<ArgumentException>(() => new InsertOperation("", OvsdbRow.Empty));
        Assert.Throws<ArgumentNullException>(() => new InsertOperation("T", null!));
        Assert.Throws<ArgumentNullException>(() => new SelectOperation("T", null!));
        Assert.Throws<ArgumentException>(() => new SelectOperation("T", [null!]));
        Assert.Throws<ArgumentException>(() => new SelectOperation("T", [], [""]));
        Assert.Throws<ArgumentException>(() => new MutateOperation("T", [], [null!]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaitOperation("T", [], [], WaitUntil.Equal, TimeSpan.FromMilliseconds(-5)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WaitOperation("T", [], [], (WaitUntil)7, TimeSpan.Zero));
        Assert.ThrowsAny<ArgumentException>(() => new AssertOperation(""));
        Assert.Throws<ArgumentNullException>(() => new CommentOperation(null!));
        Assert.ThrowsAny<ArgumentException>(() => new OvsdbCondition("", ConditionFunction.Equal, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OvsdbMutation("c", (Mutator)99, 1));
    }

    [Theory]
    [InlineData("""{"op":"declare","table":"T"}""", "Unknown operation \"declare\"")]
    [InlineData("""{"op":"select","table":"T"}""", "'where' is missing")]
    [InlineData("""{"op":"select","table":"T","where":[],"extra":1}""", "Member 'extra'")]
    [InlineData("""{"op":"wait","table":"T","where":[],"rows":[],"until":"<"}""", "until")]
    [InlineData("""{"op":"insert","table":"T","row":{},"uuid-name":"bad-name"}""", "uuid-name")]
    [InlineData("""{"table":"T"}""", "'op'")]
    [InlineData("""[1]""", "must be a JSON object")]
    [InlineData("""{"op":"mutate","table":"T","where":[],"mutations":[["c","^=",1]]}""", "Unknown mutator")]
    [InlineData("""{"op":"select","table":"T","where":[["c","~",1]]}""", "Unknown condition function")]
    public void Invalid_operation_json_throws_JsonException(string json, string expected)
    {
        JsonException e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OvsdbOperation>(json));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wait_without_timeout_reads_as_infinite_and_writes_without_one()
    {
        var wait = (WaitOperation)JsonSerializer.Deserialize<OvsdbOperation>("""{"op":"wait","table":"T","where":[],"rows":[],"until":"=="}""")!;
        Assert.Equal(Timeout.InfiniteTimeSpan, wait.Timeout);
        Assert.DoesNotContain("timeout", JsonSerializer.Serialize(wait), StringComparison.Ordinal);
    }
}
