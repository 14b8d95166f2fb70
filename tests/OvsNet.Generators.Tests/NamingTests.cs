using OvsNet.Generators.Parsing;
using OvsNet.Generators.Tests.Ovsdb.KitchenSink;

namespace OvsNet.Generators.Tests;

/// <summary>C# names derive deterministically from OVSDB names (docs/codegen.md, "Naming").</summary>
public class NamingTests
{
    [Theory]
    [InlineData("other_config", "OtherConfig")]
    [InlineData("Open_vSwitch", "OpenVSwitch")]
    [InlineData("QoS", "QoS")]
    [InlineData("sFlow", "SFlow")]
    [InlineData("_Server", "Server")]
    [InlineData("native-tagged", "NativeTagged")]
    [InlineData("802.1q", "_8021q")]
    [InlineData("OpenFlow10", "OpenFlow10")]
    [InlineData("", "Empty")]
    [InlineData("--", "Empty")]
    public void Pascal_case(string ovsdb, string csharp) => Assert.Equal(csharp, CSharpNames.ToPascalCase(ovsdb));

    [Fact]
    public void Keywords_are_escaped() => Assert.Equal("@class", CSharpNames.EscapeKeyword("class"));

    [Fact]
    public void Collisions_get_a_numeric_suffix()
    {
        var used = new HashSet<string> { "Name" };
        Assert.Equal("Name2", CSharpNames.Unique("Name", used));
        Assert.Equal("Name3", CSharpNames.Unique("Name", used));
    }

    [Fact]
    public void Generated_kitchen_sink_names_avoid_reserved_members()
    {
        // Columns "uuid", "Columns" and "everything" would clash with Uuid, the nested Columns class and the type name.
        Assert.NotNull(typeof(Everything).GetProperty(nameof(Everything.UuidColumn)));
        Assert.NotNull(typeof(Everything).GetProperty(nameof(Everything.ColumnsColumn)));
        Assert.NotNull(typeof(Everything).GetProperty(nameof(Everything.EverythingColumn)));
        Assert.NotNull(typeof(Everything).GetProperty(nameof(Everything.Class)));
        Assert.Equal("uuid", Everything.Columns.UuidColumn.Name);
        Assert.Equal(["Unknown", "Fast", "Slow", "_8021q"], Enum.GetNames<EverythingMode>());
        Assert.Equal("Kitchen_Sink", KitchenSinkDatabase.Name);
    }
}
