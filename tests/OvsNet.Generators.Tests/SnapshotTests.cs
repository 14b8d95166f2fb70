using Microsoft.CodeAnalysis;
using OvsNet.Generators.Tests.Infrastructure;

namespace OvsNet.Generators.Tests;

/// <summary>
/// The generated source for the vendored schemas, compared exactly with checked-in files under Snapshots/. Run with
/// UPDATE_SNAPSHOTS=1 to rewrite them after an intended change, then review the diff.
/// </summary>
public class SnapshotTests
{
    [Theory]
    [InlineData("vswitch.ovsschema", "vswitch", "OvsNet.Vswitch.Models")]
    [InlineData("_server.ovsschema", "_server", null)]
    public void Generated_source_matches_snapshot(string schemaFile, string snapshotFolder, string? ns)
    {
        GeneratorRunResult result = GeneratorHarness.Run(File.ReadAllText(GeneratorHarness.SchemaPath(schemaFile)), "/src/" + schemaFile, ns);
        Assert.Empty(result.Diagnostics);
        Assert.NotEmpty(result.GeneratedSources);

        string folder = Path.Combine(RepositoryPaths.ProjectDirectory, "Snapshots", snapshotFolder);
        var actual = result.GeneratedSources.ToDictionary(s => s.HintName, s => s.SourceText.ToString());
        if (Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1")
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            foreach ((string hint, string text) in actual)
            {
                File.WriteAllText(Path.Combine(folder, hint), text);
            }
        }

        string[] expectedFiles = Directory.Exists(folder) ? [.. Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!] : [];
        Assert.Equal(expectedFiles, actual.Keys.Order(StringComparer.Ordinal));
        foreach ((string hint, string text) in actual)
        {
            string expected = File.ReadAllText(Path.Combine(folder, hint)).ReplaceLineEndings("\n");
            Assert.True(expected == text, $"{hint} differs from its snapshot; run with UPDATE_SNAPSHOTS=1 and review the diff.");
        }
    }

    [Fact]
    public void Server_schema_uses_the_default_namespace_and_names()
    {
        GeneratorRunResult result = GeneratorHarness.Run(File.ReadAllText(GeneratorHarness.SchemaPath("_server.ovsschema")), "/src/_server.ovsschema");
        Assert.Equal(
            ["TestApp.Ovsdb.Server.Database.Metadata.g.cs", "TestApp.Ovsdb.Server.Database.g.cs", "TestApp.Ovsdb.Server.DatabaseModel.g.cs", "TestApp.Ovsdb.Server.ServerDatabase.g.cs"],
            result.GeneratedSources.Select(s => s.HintName).Order(StringComparer.Ordinal));
    }
}
