using System.Text.Json;

namespace OvsNet.Protocol.Tests;

public class UuidTests
{
    [Fact]
    public void Parses_upper_case_and_writes_lower_case_like_the_server()
    {
        OvsdbUuid uuid = OvsdbUuid.Parse("550E8400-E29B-41D4-A716-446655440000");
        Assert.Equal("550e8400-e29b-41d4-a716-446655440000", uuid.ToString());
        Assert.Equal("[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]", TestData.Serialize(uuid));
    }

    [Theory]
    [InlineData("")]
    [InlineData("550e8400e29b41d4a716446655440000")]
    [InlineData("{550e8400-e29b-41d4-a716-446655440000}")]
    [InlineData("550e8400-e29b-41d4-a716-44665544000g")]
    public void Rejects_non_canonical_forms(string text)
    {
        Assert.False(OvsdbUuid.TryParse(text, out _));
        Assert.Throws<ArgumentException>(() => OvsdbUuid.Parse(text));
    }

    [Fact]
    public void Zero_is_the_all_zero_uuid() =>
        Assert.Equal("00000000-0000-0000-0000-000000000000", OvsdbUuid.Zero.ToString());

    [Fact]
    public void Json_requires_the_uuid_tag()
    {
        Assert.Equal(OvsdbUuid.Parse("550e8400-e29b-41d4-a716-446655440000"),
            TestData.Deserialize<OvsdbUuid>("[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]"));
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbUuid>("\"550e8400-e29b-41d4-a716-446655440000\""));
        Assert.Throws<JsonException>(() => TestData.Deserialize<OvsdbUuid>("[\"named-uuid\",\"x\"]"));
    }

    [Theory]
    [InlineData("a", true)]
    [InlineData("_", true)]
    [InlineData("row3cd07050_e130_4d48_923f_e2a4905aa2ef", true)]
    [InlineData("Z9", true)]
    [InlineData("9a", false)]
    [InlineData("bad-name", false)]
    [InlineData("550e8400-e29b-41d4-a716-446655440000", false)]
    [InlineData("", false)]
    [InlineData("é", false)]
    public void Named_uuid_names_follow_the_rfc_id_rule(string name, bool valid)
    {
        Assert.Equal(valid, OvsdbNamedUuid.IsValidName(name));
        if (valid)
        {
            Assert.Equal(name, new OvsdbNamedUuid(name).Name);
        }
        else
        {
            ArgumentException e = Assert.ThrowsAny<ArgumentException>(() => new OvsdbNamedUuid(name));
            Assert.Contains("[_a-zA-Z][_a-zA-Z0-9]*", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Named_uuid_from_uuid_matches_ovs_vsctl_naming()
    {
        OvsdbNamedUuid name = OvsdbNamedUuid.FromUuid(OvsdbUuid.Parse("3cd07050-e130-4d48-923f-e2a4905aa2ef"));
        Assert.Equal("row3cd07050_e130_4d48_923f_e2a4905aa2ef", name.Name);
        Assert.Equal("[\"named-uuid\",\"row3cd07050_e130_4d48_923f_e2a4905aa2ef\"]", TestData.Serialize(name));
        Assert.Equal(name, TestData.Deserialize<OvsdbNamedUuid>(TestData.Serialize(name)));
    }

    [Fact]
    public void Orders_as_the_canonical_strings_do_and_consistently_with_equality()
    {
        var random = new Random(7047);
        OvsdbUuid[] uuids = [.. Enumerable.Range(0, 500).Select(_ =>
        {
            byte[] bytes = new byte[16];
            random.NextBytes(bytes);
            return new OvsdbUuid(new Guid(bytes));
        }), OvsdbUuid.Parse("80000000-0000-0000-0000-000000000000"), OvsdbUuid.Parse("7fffffff-ffff-ffff-ffff-ffffffffffff"),
            OvsdbUuid.Parse("00000000-0000-0000-8000-000000000000"), OvsdbUuid.Parse("00000000-0000-0000-7fff-ffffffffffff"), OvsdbUuid.Zero];

        Assert.Equal(uuids.Select(u => u.ToString()).Order(StringComparer.Ordinal), uuids.Order().Select(u => u.ToString()));
        foreach (OvsdbUuid a in uuids.Take(50))
        {
            foreach (OvsdbUuid b in uuids.Take(50))
            {
                int expected = Math.Sign(string.CompareOrdinal(a.ToString(), b.ToString()));
                Assert.Equal(expected, Math.Sign(a.CompareTo(b)));
                Assert.Equal(expected, Math.Sign(((IComparable)a).CompareTo(b)));
                Assert.Equal(expected == 0, a == b);
                Assert.Equal(expected < 0, a < b);
                Assert.Equal(expected <= 0, a <= b);
                Assert.Equal(expected > 0, a > b);
                Assert.Equal(expected >= 0, a >= b);
            }
        }

        Assert.True(((IComparable)OvsdbUuid.Zero).CompareTo(null) > 0);
        Assert.Throws<ArgumentException>(() => ((IComparable)OvsdbUuid.Zero).CompareTo("00000000-0000-0000-0000-000000000000"));
    }
}
