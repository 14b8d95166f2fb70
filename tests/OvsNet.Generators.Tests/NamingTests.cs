using Microsoft.CodeAnalysis;
using OvsNet.Generators.Parsing;
using OvsNet.Generators.Tests.Infrastructure;
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

    [Fact]
    public void Each_enum_gets_a_map_class_and_an_enum_whose_map_name_is_taken_gets_a_number()
    {
        // Table T's enum column "mode" is TMode with the map TModeMap, but the table T_Mode_Map already is TModeMap.
        const string schema = """
            {"name": "Clash", "version": "1.0.0", "tables": {
              "T": {"columns": {"mode": {"type": {"key": {"type": "string", "enum": ["set", ["a", "b"]]}}}}},
              "T_Mode_Map": {"columns": {"x": {"type": "integer"}}}}}
            """;
        const string user = """
            using My.Models;
            static class Use
            {
                static string? Wire() => TMode2Map.ToWire(TMode2.B);
                static bool Parse(out TMode2 mode) => TMode2Map.TryParse("a", out mode);
                static TModeMap Row() => new() { X = 1 };
            }
            """;
        (GeneratorRunResult run, var diagnostics) = GeneratorHarness.RunAndCompile(schema, "My.Models", user);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(diagnostics);
        Assert.Contains(run.GeneratedSources, s => s.HintName == "My.Models.TMode2.g.cs" && s.SourceText.ToString().Contains("public sealed class TMode2Map", StringComparison.Ordinal));
    }
}
