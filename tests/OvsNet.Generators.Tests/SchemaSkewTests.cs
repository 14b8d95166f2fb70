using OvsNet.Generators.Tests.Ovsdb.KitchenSink;
using OvsNet.Mapping;
using OvsNet.Protocol;
using OvsNet.Vswitch;

namespace OvsNet.Generators.Tests;

/// <summary>Models and servers whose schemas differ: rows still read, and the differences are reported, never thrown.</summary>
public class SchemaSkewTests
{
    [Fact]
    public void Columns_the_model_lacks_are_ignored()
    {
        OvsdbRow row = MappingRoundTripTests.Full().ToRow(OvsdbRowScope.All)
            .With("added_in_v2", OvsdbMap.FromStrings([new("a", "b")]))
            .With("another", 5L);

        Assert.Equal(MappingRoundTripTests.Full() with { Uuid = OvsdbUuid.Zero }, Everything.FromRow(row));
    }

    [Fact]
    public void Columns_the_row_lacks_get_defaults()
    {
        Everything read = Everything.FromRow(new OvsdbRow([new("name", "only")]));

        Assert.Equal(new Everything { Name = "only" }, read);
        Assert.Null(read.OptString);
        Assert.Empty(read.OtherConfig);
        Assert.Equal(EverythingMode.Unknown, read.Mode);
    }

    [Fact]
    public void Unknown_enum_value_reads_as_Unknown_and_is_not_written_back()
    {
        Everything read = Everything.FromRow(new OvsdbRow([new("mode", "warp"), new("opt_mode", OvsdbSet.Of("new"))]));

        Assert.Equal(EverythingMode.Unknown, read.Mode);
        Assert.Equal(EverythingOptMode.Unknown, read.OptMode);
        OvsdbRow update = read.ToRow(OvsdbRowScope.Update);
        Assert.DoesNotContain("mode", update.Keys);
        Assert.DoesNotContain("opt_mode", update.Keys);
    }

    [Fact]
    public void A_value_of_another_type_names_table_and_column()
    {
        var ex = Assert.Throws<OvsdbMappingException>(() => Everything.FromRow(new OvsdbRow([new("count", "not a number")])));
        Assert.Equal("Everything", ex.Table);
        Assert.Equal("count", ex.Column);
    }

    [Fact]
    public void Compatibility_report_lists_missing_tables_and_columns()
    {
        // A "server" that dropped the Part table and Everything.ratio, changed count's type, and added a column.
        var columns = Everything.TableSchema.Columns.Values
            .Where(c => c.Name != "ratio")
            .Select(c => c.Name == "count" ? new ColumnSchema("count", ColumnType.Scalar(OvsdbAtomType.String)) : c)
            .Append(new ColumnSchema("added_in_v2", ColumnType.Scalar(OvsdbAtomType.Boolean)));
        var server = new DatabaseSchema(KitchenSinkDatabase.Name, "2.0.0", [new TableSchema("Everything", columns)]);

        OvsdbSchemaCompatibilityReport report = OvsdbSchemaCompatibility.Check(server, KitchenSinkDatabase.Schema);

        Assert.False(report.IsCompatible);
        Assert.Equal(["Part"], report.MissingTables);
        Assert.Equal(["Everything.ratio"], report.MissingColumns);
        Assert.Contains(report.Problems, p => p.Contains("Everything.count", StringComparison.Ordinal) && p.Contains("string", StringComparison.Ordinal));
        Assert.Contains(report.Notes, n => n.Contains("Everything.added_in_v2", StringComparison.Ordinal));
    }

    [Fact]
    public void The_vendored_vswitch_schema_is_compatible_with_itself()
    {
        DatabaseSchema server = DatabaseSchema.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Schemas", "vswitch.ovsschema")));

        OvsdbSchemaCompatibilityReport report = OvsdbSchemaCompatibility.Check(server, OpenVSwitchDatabase.Schema);

        Assert.True(report.IsCompatible, report.ToString());
        Assert.Empty(report.Notes);
        Assert.Equal(server.Tables.Count, OpenVSwitchDatabase.Schema.Tables.Count);
        Assert.Equal(OpenVSwitchDatabase.Cksum, server.Cksum);
    }
}
