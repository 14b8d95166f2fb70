using System.Text.Json;

namespace OvsNet.Protocol.Tests;

/// <summary>The JSON forms RFC 7047 §5.1 and §4.1 define, each read and written back unchanged.</summary>
public class RfcNotationTests
{
    [Theory]
    [InlineData("[\"uuid\",\"7a3e1ad2-5e3b-4f21-a7a5-a7c4d2d4d201\"]")]      // <uuid>
    [InlineData("[\"named-uuid\",\"myrow\"]")]                                // <named-uuid>
    [InlineData("[\"set\",[\"a\",\"b\"]]")]                                   // <set>
    [InlineData("[\"set\",[]]")]                                              // the empty set
    [InlineData("[\"map\",[[\"k\",[\"uuid\",\"7a3e1ad2-5e3b-4f21-a7a5-a7c4d2d4d201\"]]]]")] // <map> with uuid values
    [InlineData("42")]                                                        // <atom> as a 1-element <set>
    public void Values_of_section_5_1(string json) => TestData.RoundTrip<OvsdbValue>(json);

    [Theory]
    [InlineData("[\"name\",\"==\",\"br0\"]")]
    [InlineData("[\"ports\",\"includes\",[\"set\",[[\"uuid\",\"7a3e1ad2-5e3b-4f21-a7a5-a7c4d2d4d201\"]]]]")]
    [InlineData("[\"other_config\",\"excludes\",[\"map\",[[\"k\",\"v\"]]]]")]
    [InlineData("[\"tag\",\"<=\",4095]")]
    public void Conditions_of_section_5_1(string json) => Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<OvsdbCondition>(json)));

    [Theory]
    [InlineData("[\"next_cfg\",\"+=\",1]")]
    [InlineData("[\"flood_vlans\",\"delete\",[\"set\",[1,2]]]")]
    [InlineData("[\"external_ids\",\"insert\",[\"map\",[[\"a\",\"b\"]]]]")]
    [InlineData("[\"r\",\"/=\",2.5]")]
    public void Mutations_of_section_5_1(string json) => Assert.Equal(json, JsonSerializer.Serialize(JsonSerializer.Deserialize<OvsdbMutation>(json)));

    [Fact]
    public void Table_updates_of_section_4_1_6()
    {
        const string json = """{"Bridge":{"7a3e1ad2-5e3b-4f21-a7a5-a7c4d2d4d201":{"old":{"name":"a"},"new":{"name":"b","ports":["set",[]]}}}}""";
        TableUpdates updates = TestData.RoundTrip<TableUpdates>(json);
        RowUpdate row = updates["Bridge"][OvsdbUuid.Parse("7a3e1ad2-5e3b-4f21-a7a5-a7c4d2d4d201")];
        Assert.Equal(RowUpdateKind.Modify, row.Kind);
    }

    [Fact]
    public void Transact_result_of_section_4_1_3()
    {
        // "result" has one element per operation; after the first error, the rest are null.
        OvsdbTransactResult result = TestData.RoundTrip<OvsdbTransactResult>("""[{"count":1},{"error":"constraint violation","details":"x"},null]""");
        Assert.Equal(1, result.FailedIndex);
    }
}
