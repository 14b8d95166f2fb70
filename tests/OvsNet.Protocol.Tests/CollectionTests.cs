using System.Text.Json;

namespace OvsNet.Protocol.Tests;

public class CollectionTests
{
    [Fact]
    public void Set_json_round_trips_and_a_bare_atom_reads_as_a_one_element_set()
    {
        OvsdbSet set = TestData.RoundTrip<OvsdbSet>("[\"set\",[1,2,3]]");
        Assert.Equal(OvsdbSet.Of(3, 2, 1), set);
        Assert.Equal(OvsdbSet.Of(5), TestData.Deserialize<OvsdbSet>("5"));
        Assert.Equal(OvsdbSet.Of(OvsdbUuid.Zero), TestData.Deserialize<OvsdbSet>("[\"uuid\",\"00000000-0000-0000-0000-000000000000\"]"));
        Assert.Same(OvsdbSet.Empty, TestData.Deserialize<OvsdbSet>("[\"set\",[]]"));
    }

    [Fact]
    public void Set_equality_ignores_order_and_hash_agrees()
    {
        var a = OvsdbSet.Of("a", "b", "c");
        var b = new OvsdbSet(["c", "a", "b"]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, OvsdbSet.Of("a", "b"));
        Assert.NotEqual(a, OvsdbSet.Of("a", "b", "d"));
    }

    [Fact]
    public void Large_sets_use_hashing_and_still_compare_by_content()
    {
        var a = new OvsdbSet(Enumerable.Range(0, 1000).Select(i => (OvsdbAtom)i));
        var b = new OvsdbSet(Enumerable.Range(0, 1000).Reverse().Select(i => (OvsdbAtom)i));
        Assert.Equal(a, b);
        Assert.True(a.Contains(999));
        Assert.False(a.Contains(1000));
    }

    [Fact]
    public void Set_constructor_keeps_duplicates_once_but_json_duplicates_are_errors()
    {
        Assert.Equal(2, OvsdbSet.Of(1, 1, 2).Count);
        Assert.Equal(10, new OvsdbSet(Enumerable.Range(0, 20).Select(i => (OvsdbAtom)(i % 10))).Count);

        // ovsdb-server answers {"error":"ovsdb error","details":"set contains duplicate"}; do not invent a meaning.
        JsonException e = Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbSet>("[\"set\",[1,1]]"));
        Assert.Contains("twice", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Symmetric_difference_matches_the_update2_example()
    {
        // ovsdb-server(7): {1,2} -> {2,3} is sent as the diff {1,3}.
        OvsdbSet diff = OvsdbSet.Of(1, 2).SymmetricDifference(OvsdbSet.Of(2, 3));
        Assert.Equal(OvsdbSet.Of(1, 3), diff);
        Assert.Equal(OvsdbSet.Of(2, 3), OvsdbSet.Of(1, 2).SymmetricDifference(diff));
    }

    [Fact]
    public void Map_json_round_trips_and_only_the_tagged_form_is_accepted()
    {
        OvsdbMap map = TestData.RoundTrip<OvsdbMap>("[\"map\",[[\"remote_ip\",\"192.0.2.10\"],[\"key\",\"5\"]]]");
        Assert.Equal("192.0.2.10", map["remote_ip"].AsString());
        Assert.Same(OvsdbMap.Empty, TestData.Deserialize<OvsdbMap>("[\"map\",[]]"));

        // ovsdb-server: syntax error: expected ["map", <array>].
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbMap>("{\"a\":\"b\"}"));
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbMap>("[[\"a\",\"b\"]]"));
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbMap>("[\"set\",[]]"));
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbMap>("[\"map\",[[\"a\"]]]"));
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbMap>("[\"map\",[[\"a\",\"b\"],[\"a\",\"c\"]]]"));
    }

    [Fact]
    public void Map_equality_ignores_order_and_compares_values()
    {
        var a = OvsdbMap.FromStrings(new Dictionary<string, string> { ["x"] = "1", ["y"] = "2" });
        var b = new OvsdbMap([new("y", "2"), new("x", "1")]);
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, new OvsdbMap([new("y", "2"), new("x", "9")]));
        Assert.Throws<ArgumentException>(() => new OvsdbMap([new("x", "1"), new("x", "2")]));
        Assert.Throws<KeyNotFoundException>(() => a["z"]);
    }

    [Fact]
    public void Map_diff_follows_the_update2_rules()
    {
        // ovsdb-server(7): {1:.5, 2:1.5} -> {1:.5, 3:1.5} is sent as [[2,1.5],[3,1.5]]; a new value for key 1 as [[1,9.5]].
        var old = new OvsdbMap([new(1, 0.5), new(2, 1.5)]);
        OvsdbMap next = old.ApplyDiff(new OvsdbMap([new(2, 1.5), new(3, 1.5)]));
        Assert.Equal(new OvsdbMap([new(1, 0.5), new(3, 1.5)]), next);
        Assert.Equal(new OvsdbMap([new(1, 9.5), new(3, 1.5)]), next.ApplyDiff(new OvsdbMap([new(1, 9.5)])));
    }

    [Fact]
    public void Value_treats_an_atom_and_its_one_element_set_as_equal()
    {
        OvsdbValue atom = 5;
        OvsdbValue set = OvsdbSet.Of(5);
        Assert.Equal(atom, set);
        Assert.Equal(atom.GetHashCode(), set.GetHashCode());
        Assert.NotEqual(atom, (OvsdbValue)OvsdbSet.Of(5, 6));
        Assert.NotEqual((OvsdbValue)OvsdbSet.Empty, (OvsdbValue)OvsdbMap.Empty);
        Assert.Equal(OvsdbSet.Of(5), atom.AsSet());
        Assert.Equal(OvsdbAtom.Integer(5), set.AsAtom());
        Assert.Throws<InvalidOperationException>(() => atom.AsMap());
        Assert.Throws<InvalidOperationException>(() => ((OvsdbValue)OvsdbMap.Empty).AsSet());
    }

    [Theory]
    [InlineData("5", OvsdbValueKind.Atom)]
    [InlineData("\"s\"", OvsdbValueKind.Atom)]
    [InlineData("[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]", OvsdbValueKind.Atom)]
    [InlineData("[\"named-uuid\",\"n\"]", OvsdbValueKind.Atom)]
    [InlineData("[\"set\",[]]", OvsdbValueKind.Set)]
    [InlineData("[\"set\",[[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"],[\"named-uuid\",\"n\"]]]", OvsdbValueKind.Set)]
    [InlineData("[\"map\",[[1,0.5]]]", OvsdbValueKind.Map)]
    public void Values_round_trip_without_a_schema(string json, OvsdbValueKind kind) =>
        Assert.Equal(kind, TestData.RoundTrip<OvsdbValue>(json).Kind);

    [Theory]
    [InlineData("[\"set\",[[\"set\",[]]]]")]
    [InlineData("[\"map\",[[1,[\"map\",[]]]]]")]
    [InlineData("[\"bogus\",[]]")]
    [InlineData("[]")]
    [InlineData("[\"set\"]")]
    public void Invalid_values_throw_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => TestData.Deserialize<OvsdbValue>(json));

    [Fact]
    public void Row_round_trips_and_supports_with_and_uuid()
    {
        OvsdbRow row = TestData.RoundTrip<OvsdbRow>(
            "{\"_uuid\":[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"],\"name\":\"br0\",\"ports\":[\"set\",[]],\"external_ids\":[\"map\",[]]}");
        Assert.Equal(OvsdbUuid.Parse("550e8400-e29b-41d4-a716-446655440000"), row.TryGetUuid());
        OvsdbRow changed = row.With("name", "br1");
        Assert.Equal("br0", row["name"].AsAtom().AsString());
        Assert.Equal("br1", changed["name"].AsAtom().AsString());
        Assert.NotEqual(row, changed);
        Assert.Equal(row, changed.With("name", "br0"));
        Assert.Null(OvsdbRow.Empty.TryGetUuid());
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbRow>("{\"a\":1,\"a\":2}"));
        Assert.Throws<ArgumentException>(() => new OvsdbRow([new("a", 1), new("a", 2)]));
    }
}
