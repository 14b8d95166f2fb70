using Microsoft.CodeAnalysis;
using OvsNet.Generators.Tests.Infrastructure;

namespace OvsNet.Generators.Tests;

/// <summary>The generated code compiles with no warning at all against the real OvsNet assemblies, and user code can use it.</summary>
public class CompileTests
{
    [Theory]
    [InlineData("vswitch.ovsschema")]
    [InlineData("_server.ovsschema")]
    public void Vendored_schema_compiles_without_diagnostics(string schemaFile)
    {
        (GeneratorRunResult run, var diagnostics) = GeneratorHarness.RunAndCompile(File.ReadAllText(GeneratorHarness.SchemaPath(schemaFile)));
        Assert.Empty(run.Diagnostics);
        Assert.NotEmpty(run.GeneratedSources);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Kitchen_sink_schema_compiles_without_diagnostics_with_user_code()
    {
        const string user = """
            using OvsNet.Mapping;
            using OvsNet.Protocol;
            using My.Models;

            public static class UserCode
            {
                public static OvsdbRow Build(OvsdbRef<Part> part)
                {
                    var e = new Everything { Name = "x", Mode = EverythingMode._8021q, Parts = [part], OtherConfig = new System.Collections.Generic.Dictionary<string, string> { ["k"] = "v" } };
                    OvsdbCondition c = Everything.Columns.Name.EqualTo("x");
                    OvsdbMutation m = Everything.Columns.Tags.Insert("t");
                    string table = Everything.TableName;
                    return (e with { Count = 3 }).ToRow(OvsdbRowScope.All);
                }
            }
            """;
        string schema = File.ReadAllText(Path.Combine(RepositoryPaths.ProjectDirectory, "Schemas", "kitchen_sink.ovsschema"));
        (GeneratorRunResult run, var diagnostics) = GeneratorHarness.RunAndCompile(schema, "My.Models", user);
        Assert.Empty(run.Diagnostics);
        Assert.Empty(diagnostics);
    }

    [Fact]
    public void Compile_test_detects_broken_user_code()
    {
        // Control: the harness really compiles the generated and user code together.
        (_, var diagnostics) = GeneratorHarness.RunAndCompile(File.ReadAllText(GeneratorHarness.SchemaPath("_server.ovsschema")), null, "class C { TestApp.Ovsdb.Server.Database d = new() { NoSuchColumn = 1 }; }");
        Assert.Contains(diagnostics, d => d.Id == "CS0117");
    }
}
