
namespace OvsNet.Vswitch.Tests;

/// <summary>VswitchChange: equality over the structured fields only; the display line is derived from them.</summary>
public sealed class VswitchChangeTests
{
    [Fact]
    public void Equality_ignores_the_details_of_the_display_line()
    {
        var planned = new VswitchChange { Kind = VswitchChangeKind.Created, Table = "Interface", Name = "tep0", Parent = "tep0", Details = " (type internal)" };
        var bare = new VswitchChange { Kind = VswitchChangeKind.Created, Table = "Interface", Name = "tep0", Parent = "tep0" };

        Assert.Equal(planned, bare);
        Assert.Equal(planned.GetHashCode(), bare.GetHashCode());
        Assert.Equal("interface tep0: created in port tep0 (type internal)", planned.ToString());
        Assert.Equal("interface tep0: created in port tep0", bare.ToString());
        Assert.NotEqual(bare, bare with { Parent = "other" });
        Assert.NotEqual(bare, bare with { Kind = VswitchChangeKind.Removed });
    }

    [Theory]
    [InlineData("Port", "vm0", "tag", null, "10", "20", "port vm0: tag 10 -> 20")]
    [InlineData("Port", "vm0", "tag", null, null, "20", "port vm0: tag [] -> 20")]
    [InlineData("Bridge", "br0", "fail_mode", null, null, "secure", "bridge br0: fail_mode [] -> secure")]
    [InlineData("Bridge", "br0", "datapath_type", null, "", "netdev", "bridge br0: datapath_type \"\" -> \"netdev\"")]
    [InlineData("Bridge", "br0", "protocols", null, "OpenFlow10", "OpenFlow13", "bridge br0: protocols [OpenFlow10] -> [OpenFlow13]")]
    [InlineData("Interface", "gre0", "options", "key", "5", "6", "interface gre0: options:key \"5\" -> \"6\"")]
    [InlineData("Interface", "gre0", "options", "key", null, "6", "interface gre0: options:key=\"6\"")]
    [InlineData("Interface", "gre0", "options", "key", "5", null, "interface gre0: options:key removed (was \"5\")")]
    public void An_update_line_is_derived_from_the_fields(string table, string name, string column, string? key, string? oldValue, string? newValue, string expected)
    {
        var change = new VswitchChange { Kind = VswitchChangeKind.Updated, Table = table, Name = name, Column = column, Key = key, OldValue = oldValue, NewValue = newValue };
        Assert.Equal(expected, change.ToString());
    }

    [Fact]
    public void Created_and_removed_lines_name_the_parent_by_its_table()
    {
        Assert.Equal("port mgmt0: added to bridge br0", new VswitchChange { Kind = VswitchChangeKind.Created, Table = "Port", Name = "mgmt0", Parent = "br0" }.ToString());
        Assert.Equal("port mgmt0: removed from bridge br0", new VswitchChange { Kind = VswitchChangeKind.Removed, Table = "Port", Name = "mgmt0", Parent = "br0" }.ToString());
        Assert.Equal("interface x: removed from port p", new VswitchChange { Kind = VswitchChangeKind.Removed, Table = "Interface", Name = "x", Parent = "p" }.ToString());
        Assert.Equal("bridge br0: created", new VswitchChange { Kind = VswitchChangeKind.Created, Table = "Bridge", Name = "br0" }.ToString());
        Assert.Equal("bridge br0: removed", new VswitchChange { Kind = VswitchChangeKind.Removed, Table = "Bridge", Name = "br0" }.ToString());
    }
}
