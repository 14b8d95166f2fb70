using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using OvsNet.Generators.Tests.Infrastructure;

namespace OvsNet.Generators.Tests;

/// <summary>An edit unrelated to the schema files must leave every pipeline step cached (roslyn cookbook, "caching").</summary>
public class CachingTests
{
    private static readonly string[] Steps = [TrackingNames.SchemaFiles, TrackingNames.SchemaResults];

    [Fact]
    public void Adding_an_unrelated_syntax_tree_keeps_the_pipeline_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        Compilation edited = compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("class Unrelated { }", GeneratorHarness.ParseOptions, cancellationToken: TestContext.Current.CancellationToken));

        GeneratorRunResult second = driver.RunGenerators(edited, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void Adding_an_unrelated_additional_file_keeps_the_pipeline_cached()
    {
        (GeneratorDriver driver, Compilation compilation) = FirstRun();
        driver = driver.AddAdditionalTexts([new TestAdditionalText("/src/notes.txt", "not a schema")]);

        GeneratorRunResult second = driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        AssertAllCached(second);
    }

    [Fact]
    public void Editing_the_schema_reruns_the_pipeline()
    {
        // The control for the two tests above: the same checks do see a real change.
        var schema = new TestAdditionalText("/src/server.ovsschema", File.ReadAllText(GeneratorHarness.SchemaPath("_server.ovsschema")));
        Compilation compilation = GeneratorHarness.CreateCompilation();
        GeneratorDriver driver = GeneratorHarness.CreateDriver([schema]).RunGenerators(compilation, TestContext.Current.CancellationToken);
        var edited = new TestAdditionalText(schema.Path, schema.GetText(TestContext.Current.CancellationToken).ToString().Replace("\"1.2.0\"", "\"1.2.1\"", StringComparison.Ordinal));
        driver = driver.ReplaceAdditionalText(schema, edited);

        GeneratorRunResult second = driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult().Results.Single();

        Assert.Contains(second.TrackedSteps[TrackingNames.SchemaResults].SelectMany(s => s.Outputs), o => o.Reason == IncrementalStepRunReason.Modified);
        Assert.Contains(second.GeneratedSources, s => s.SourceText.ToString().Contains("\"1.2.1\"", StringComparison.Ordinal));
    }

    private static (GeneratorDriver Driver, Compilation Compilation) FirstRun()
    {
        var vswitch = new TestAdditionalText("/src/vswitch.ovsschema", File.ReadAllText(GeneratorHarness.SchemaPath("vswitch.ovsschema")));
        var server = new TestAdditionalText("/src/server.ovsschema", File.ReadAllText(GeneratorHarness.SchemaPath("_server.ovsschema")));
        Compilation compilation = GeneratorHarness.CreateCompilation("class Existing { }");
        GeneratorDriver driver = GeneratorHarness.CreateDriver([vswitch, server]).RunGenerators(compilation, TestContext.Current.CancellationToken);
        GeneratorRunResult first = driver.GetRunResult().Results.Single();
        Assert.Empty(first.Diagnostics);
        Assert.NotEmpty(first.GeneratedSources);
        return (driver, compilation);
    }

    private static void AssertAllCached(GeneratorRunResult run)
    {
        foreach (string step in Steps)
        {
            Assert.True(run.TrackedSteps.TryGetValue(step, out var runs), $"step {step} was not tracked");
            var outputs = runs.SelectMany(r => r.Outputs).ToList();
            Assert.Equal(2, outputs.Count);
            Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, $"{step}: {o.Reason}"));
        }

        Assert.All(run.TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs), o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }
}
