using System.Text.Json;

namespace OvsNet.Protocol.Tests;

public class AtomTests
{
    [Theory]
    [InlineData("0", OvsdbAtomType.Integer)]
    [InlineData("-42", OvsdbAtomType.Integer)]
    [InlineData("9223372036854775807", OvsdbAtomType.Integer)]
    [InlineData("-9223372036854775808", OvsdbAtomType.Integer)]
    [InlineData("9223372036854775808", OvsdbAtomType.Real)] // one past long.MaxValue: a real, as ovsdb-server reads it
    [InlineData("1.5", OvsdbAtomType.Real)]
    [InlineData("1e-3", OvsdbAtomType.Real)]
    [InlineData("true", OvsdbAtomType.Boolean)]
    [InlineData("false", OvsdbAtomType.Boolean)]
    [InlineData("\"br0\"", OvsdbAtomType.String)]
    [InlineData("[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]", OvsdbAtomType.Uuid)]
    [InlineData("[\"named-uuid\",\"row1\"]", OvsdbAtomType.Uuid)]
    public void Reads_every_atom_type(string json, OvsdbAtomType type)
    {
        OvsdbAtom atom = TestData.Deserialize<OvsdbAtom>(json);
        Assert.Equal(type, atom.Type);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("9223372036854775807")]
    [InlineData("-9223372036854775808")]
    [InlineData("1.5")]
    [InlineData("-0.25")]
    [InlineData("true")]
    [InlineData("\"with \\\"quotes\\\" and \\u00e9\"")]
    [InlineData("[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]")]
    [InlineData("[\"named-uuid\",\"row3cd07050_e130_4d48_923f_e2a4905aa2ef\"]")]
    public void Atoms_round_trip(string json) => TestData.RoundTrip<OvsdbAtom>(json);

    [Fact]
    public void Integer_boundaries_keep_their_values()
    {
        Assert.Equal(long.MaxValue, TestData.Deserialize<OvsdbAtom>("9223372036854775807").AsInteger());
        Assert.Equal(9223372036854775808.0, TestData.Deserialize<OvsdbAtom>("9223372036854775808").AsReal());
    }

    [Fact]
    public void AsReal_accepts_integer_tokens_because_the_server_writes_integral_reals_as_integers()
    {
        OvsdbAtom atom = TestData.Deserialize<OvsdbAtom>("3");
        Assert.Equal(OvsdbAtomType.Integer, atom.Type);
        Assert.Equal(3.0, atom.AsReal());
    }

    [Fact]
    public void Integer_and_equal_real_are_equal_with_equal_hashes()
    {
        Assert.Equal(OvsdbAtom.Integer(2), OvsdbAtom.Real(2.0));
        Assert.Equal(OvsdbAtom.Integer(2).GetHashCode(), OvsdbAtom.Real(2.0).GetHashCode());
        Assert.NotEqual(OvsdbAtom.Integer(2), OvsdbAtom.Real(2.5));
        Assert.NotEqual(OvsdbAtom.Integer(1), OvsdbAtom.Boolean(true));
        Assert.NotEqual(OvsdbAtom.String("a"), OvsdbAtom.NamedUuid(new OvsdbNamedUuid("a")));
    }

    [Fact]
    public void Accessors_check_the_type()
    {
        OvsdbAtom s = "x";
        Assert.Equal("x", s.AsString());
        InvalidOperationException e = Assert.Throws<InvalidOperationException>(() => s.AsInteger());
        Assert.Contains("not an integer", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => OvsdbAtom.Real(2.5).AsInteger());
        Assert.Equal(2, OvsdbAtom.Real(2.0).AsInteger());
        Assert.Throws<InvalidOperationException>(() => OvsdbAtom.NamedUuid(new OvsdbNamedUuid("n")).AsUuid());
        Assert.Equal("n", OvsdbAtom.NamedUuid(new OvsdbNamedUuid("n")).AsNamedUuid().Name);
        Assert.True(((OvsdbAtom)true).AsBoolean());
    }

    [Fact]
    public void Implicit_conversions_produce_the_right_types()
    {
        OvsdbUuid uuid = OvsdbUuid.NewUuid();
        Assert.Equal(OvsdbAtomType.Integer, ((OvsdbAtom)5).Type);
        Assert.Equal(OvsdbAtomType.Integer, ((OvsdbAtom)5L).Type);
        Assert.Equal(OvsdbAtomType.Real, ((OvsdbAtom)5.5).Type);
        Assert.Equal(OvsdbAtomType.Boolean, ((OvsdbAtom)false).Type);
        Assert.Equal(OvsdbAtomType.String, ((OvsdbAtom)"s").Type);
        Assert.Equal(uuid, ((OvsdbAtom)uuid).AsUuid());
        Assert.True(((OvsdbAtom)new OvsdbNamedUuid("x")).IsNamedUuid);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Real_rejects_values_json_cannot_carry(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => OvsdbAtom.Real(value));

    [Fact]
    public void String_rejects_null() => Assert.Throws<ArgumentNullException>(() => OvsdbAtom.String(null!));

    [Theory]
    [InlineData("null")]
    [InlineData("{}")]
    [InlineData("[\"set\",[]]")]
    [InlineData("[\"uuid\",\"not-a-uuid\"]")]
    [InlineData("[\"uuid\",\"550e8400-e29b-41d4-a716-446655440000\",1]")]
    [InlineData("[\"named-uuid\",\"bad-name\"]")]
    [InlineData("[\"named-uuid\",\"550e8400-e29b-41d4-a716-446655440000\"]")]
    [InlineData("1e400")]
    public void Invalid_atom_json_throws_JsonException(string json) =>
        Assert.ThrowsAny<JsonException>(() => TestData.Deserialize<OvsdbAtom>(json));

    [Fact]
    public void Default_atom_is_integer_zero() => Assert.Equal(OvsdbAtom.Integer(0), default);
}
