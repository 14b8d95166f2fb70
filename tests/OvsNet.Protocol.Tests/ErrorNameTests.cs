namespace OvsNet.Protocol.Tests;

public class ErrorNameTests
{
    [Theory]
    [InlineData("referential integrity violation", OvsdbErrorKind.ReferentialIntegrityViolation)]
    [InlineData("constraint violation", OvsdbErrorKind.ConstraintViolation)]
    [InlineData("resources exhausted", OvsdbErrorKind.ResourcesExhausted)]
    [InlineData("I/O error", OvsdbErrorKind.IOError)]
    [InlineData("duplicate uuid-name", OvsdbErrorKind.DuplicateUuidName)]
    [InlineData("domain error", OvsdbErrorKind.DomainError)]
    [InlineData("range error", OvsdbErrorKind.RangeError)]
    [InlineData("timed out", OvsdbErrorKind.TimedOut)]
    [InlineData("not supported", OvsdbErrorKind.NotSupported)]
    [InlineData("aborted", OvsdbErrorKind.Aborted)]
    [InlineData("not owner", OvsdbErrorKind.NotOwner)]
    [InlineData("canceled", OvsdbErrorKind.Canceled)]
    [InlineData("syntax error", OvsdbErrorKind.SyntaxError)]
    [InlineData("unknown database", OvsdbErrorKind.UnknownDatabase)]
    [InlineData("unknown method", OvsdbErrorKind.UnknownMethod)]
    [InlineData("unknown column", OvsdbErrorKind.UnknownColumn)]
    [InlineData("ovsdb error", OvsdbErrorKind.OvsdbError)]
    [InlineData("permission error", OvsdbErrorKind.PermissionError)]
    [InlineData("duplicate uuid", OvsdbErrorKind.DuplicateUuid)]
    [InlineData("not leader", OvsdbErrorKind.NotLeader)]
    [InlineData("internal error", OvsdbErrorKind.InternalError)]
    [InlineData("cluster error", OvsdbErrorKind.ClusterError)]
    [InlineData("unexpected error", OvsdbErrorKind.UnexpectedError)]
    [InlineData("unknown monitor", OvsdbErrorKind.UnknownMonitor)]
    [InlineData("consistency violation", OvsdbErrorKind.ConsistencyViolation)]
    [InlineData("database not available", OvsdbErrorKind.DatabaseNotAvailable)]
    public void Every_known_name_maps_both_ways(string name, OvsdbErrorKind kind)
    {
        Assert.Equal(kind, OvsdbErrorNames.Parse(name));
        Assert.Equal(name, OvsdbErrorNames.ToName(kind));
    }

    [Fact]
    public void Every_kind_but_unknown_has_a_distinct_name()
    {
        OvsdbErrorKind[] kinds = [.. Enum.GetValues<OvsdbErrorKind>().Where(k => k != OvsdbErrorKind.Unknown)];
        Assert.Equal(kinds.Length, kinds.Select(OvsdbErrorNames.ToName).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(kinds.Length, OvsdbErrorNames.All.Count);
    }

    [Fact]
    public void Unknown_names_map_to_unknown_and_the_raw_string_is_kept()
    {
        Assert.Equal(OvsdbErrorKind.Unknown, OvsdbErrorNames.Parse("brand new error"));
        Assert.Equal(OvsdbErrorKind.Unknown, OvsdbErrorNames.Parse("Syntax Error")); // names are exact
        Assert.Equal(OvsdbErrorKind.Unknown, OvsdbErrorNames.Parse(null));
        OvsdbOperationResult result = OvsdbOperationResult.FromError("brand new error", "d");
        Assert.Equal(OvsdbErrorKind.Unknown, result.ErrorKind);
        Assert.Equal("brand new error", result.Error);
        Assert.Throws<ArgumentOutOfRangeException>(() => OvsdbErrorNames.ToName(OvsdbErrorKind.Unknown));
    }
}
