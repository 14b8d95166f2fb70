namespace OvsNet.Protocol.Tests;

public class ValidationTests
{
    private static readonly TableSchema Bridge = TestData.Vswitch.GetTable("Bridge");
    private static readonly TableSchema T = TestData.ProtocolTest.GetTable("T");

    [Fact]
    public void Range_violation_uses_the_servers_words()
    {
        // Captured: {"details":"5000 is not in the valid range 0 to 4095 (inclusive)","error":"constraint violation"}.
        ArgumentException e = Assert.Throws<ArgumentException>(() =>
            TestData.Vswitch.ValidateRow("Bridge", new OvsdbRow([new("name", "x"), new("flood_vlans", 5000)])));
        Assert.Contains("Table Bridge, column flood_vlans", e.Message, StringComparison.Ordinal);
        Assert.Contains("5000 is not in the valid range 0 to 4095 (inclusive)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Enum_violation_names_the_allowed_values()
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Bridge.ValidateRow(new OvsdbRow([new("fail_mode", "bogus")]), forInsert: true));
        Assert.Contains("column fail_mode", e.Message, StringComparison.Ordinal);
        Assert.Contains("is not one of the allowed values", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Immutable_columns_are_rejected_for_update_only()
    {
        var row = new OvsdbRow([new("name", "br0")]);
        Bridge.ValidateRow(row, forInsert: true);
        ArgumentException e = Assert.Throws<ArgumentException>(() => Bridge.ValidateRow(row, forInsert: false));
        Assert.Contains("immutable", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("_uuid", "cannot be written")]
    [InlineData("_version", "cannot be written")]
    [InlineData("no_such", "has no column 'no_such'")]
    public void Unknown_and_implicit_columns_are_rejected(string column, string expected)
    {
        ArgumentException e = Assert.Throws<ArgumentException>(() => Bridge.ValidateRow(new OvsdbRow([new(column, OvsdbUuid.Zero)]), forInsert: true));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, OvsdbValue, string?> Cases() => new()
    {
        { "i", 5, null },
        { "i", 5.0, null },                  // the server accepts 1.0/3e0 for integer columns
        { "i", 2.5, "expected integer" },
        { "i", "5", "expected integer" },
        { "r", 3, null },                    // integer tokens are reals
        { "b", "true", "expected boolean" }, // the server rejects "true" for a boolean
        { "u", new OvsdbNamedUuid("n"), null },
        { "s", OvsdbSet.Of("a"), null },     // a one-element set is a scalar
        { "s", OvsdbSet.Empty, "allows 1 to 1" },
        { "s", OvsdbSet.Of("a", "b"), "allows 1 to 1" },
        { "os", OvsdbSet.Empty, null },
        { "oe", "purple", "is not one of the allowed values" },
        { "iset", OvsdbSet.Of(-100, 100), null },
        { "iset", OvsdbSet.Of(101), "101 is not in the valid range -100 to 100 (inclusive)" },
        { "rset", OvsdbSet.Of(-2.0), "-2 is not in the valid range -1.5 to 1000 (inclusive)" },
        { "rset", OvsdbSet.Of(1, 2, 3, 4, 5, 6), "6 values" },
        { "rr", -0.5, "-0.5 is less than minimum allowed value 0" },
        { "sset", OvsdbSet.Of("abcd"), "length 4 is greater than maximum allowed length 3" },
        { "sset", OvsdbSet.Of(""), "length 0 is less than minimum allowed length 1" },
        { "sset", OvsdbSet.Of("ééé"), null }, // length counts characters, not UTF-8 bytes
        { "m", new OvsdbMap([new(1, 0.5)]), null },
        { "m", new OvsdbMap([new("k", 0.5)]), "expected integer" },
        { "m", OvsdbSet.Empty, "expected a map" },
        { "sm", 1, "expected a map" },
        { "iset", OvsdbMap.Empty, "got a map" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Column_types_check_values(string column, OvsdbValue value, string? expected)
    {
        string? error = T.Columns[column].Type.Validate(value);
        if (expected is null)
        {
            Assert.Null(error);
            T.ValidateRow(new OvsdbRow([new(column, value)]), forInsert: true);
        }
        else
        {
            Assert.NotNull(error);
            Assert.Contains(expected, error, StringComparison.Ordinal);
            ArgumentException e = Assert.Throws<ArgumentException>(() => T.ValidateRow(new OvsdbRow([new(column, value)]), forInsert: true));
            Assert.Contains($"Table T, column {column}", e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Base_type_constructor_rejects_inconsistent_constraints()
    {
        Assert.Throws<ArgumentException>(() => new BaseType(OvsdbAtomType.Integer, minInteger: 5, maxInteger: 1));
        Assert.Throws<ArgumentException>(() => new BaseType(OvsdbAtomType.String, refTable: "T"));
        Assert.Throws<ArgumentException>(() => new BaseType(OvsdbAtomType.Integer, @enum: ["a"]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColumnType(new BaseType(OvsdbAtomType.Integer), min: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ColumnType(new BaseType(OvsdbAtomType.Integer), max: 0));
    }
}
