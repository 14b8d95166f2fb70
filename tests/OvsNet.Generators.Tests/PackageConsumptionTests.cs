using OvsNet.Generators.Tests.Infrastructure;

namespace OvsNet.Generators.Tests;

/// <summary>
/// The generator as users get it: OvsNet and OvsNet.Protocol are packed (unique version, from a copy of the sources so the
/// shared bin/ folders are untouched), and a fresh consumer project restores them from a local feed, has a schema generated
/// through the package's analyzers/ and buildTransitive/ props, builds with warnings as errors, and runs. Slow (two packs
/// and a restore); the only test of its kind.
/// </summary>
[Trait("Category", "Integration")]
public class PackageConsumptionTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    [Fact]
    public void Consumer_project_builds_and_runs_with_models_generated_from_the_package()
    {
        string work = Directory.CreateTempSubdirectory("ovsnet-pack-").FullName;
        string version = "0.0.1-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        string globalPackage = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        try
        {
            string repo = Path.Combine(work, "repo");
            CopySources(repo);
            string feed = Path.Combine(work, "feed");
            foreach (string project in new[] { "src/OvsNet.Protocol", "src/OvsNet" })
            {
                var pack = DotnetCli.Run(repo, Timeout, "pack", project, "-o", feed, "-p:Version=" + version, "-p:IncludeSymbols=false");
                Assert.True(pack.ExitCode == 0, pack.Output);
            }

            string consumer = Path.Combine(work, "consumer");
            WriteConsumer(consumer, feed, version);
            var build = DotnetCli.Run(consumer, Timeout, "build", "-c", "Release");
            Assert.True(build.ExitCode == 0, build.Output);

            var run = DotnetCli.Run(consumer, Timeout, "bin/Release/net10.0/Consumer.dll");
            Assert.True(run.ExitCode == 0, run.Output);
            Assert.Equal("Widget Demo 2 name,tags Consumer.Models", run.Output.Trim());
        }
        finally
        {
            Directory.Delete(work, recursive: true);
            foreach (string id in new[] { "ovsnet", "ovsnet.protocol" })
            {
                string cached = Path.Combine(globalPackage, id, version);
                if (Directory.Exists(cached))
                {
                    Directory.Delete(cached, recursive: true);
                }
            }
        }
    }

    private static void CopySources(string repo)
    {
        string root = RepositoryPaths.RepositoryRoot;
        foreach (string file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json", "nuget.config", ".editorconfig" })
        {
            Directory.CreateDirectory(repo);
            File.Copy(Path.Combine(root, file), Path.Combine(repo, file));
        }

        // Every package carries the icon (Directory.Build.props).
        Directory.CreateDirectory(Path.Combine(repo, "assets"));
        File.Copy(Path.Combine(root, "assets", "icon.png"), Path.Combine(repo, "assets", "icon.png"));

        foreach (string project in new[] { "OvsNet.Protocol", "OvsNet", "OvsNet.Generators" })
        {
            string from = Path.Combine(root, "src", project);
            foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
            {
                string relative = Path.GetRelativePath(from, file);
                if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal) || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    continue;
                }

                string target = Path.Combine(repo, "src", project, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
    }

    private static void WriteConsumer(string dir, string feed, string version)
    {
        Directory.CreateDirectory(Path.Combine(dir, "Schemas"));

        // Empty Directory.*.props stop MSBuild from picking up anything above the temp folder.
        File.WriteAllText(Path.Combine(dir, "Directory.Build.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "Directory.Packages.props"), "<Project />");
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{feed}" />
                <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Consumer.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <GenerateDocumentationFile>true</GenerateDocumentationFile>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="OvsNet" Version="{version}" />
              </ItemGroup>
              <ItemGroup>
                <AdditionalFiles Update="Schemas/demo.ovsschema" OvsdbNamespace="Consumer.Models" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Schemas", "demo.ovsschema"), """
            {"name": "Demo", "version": "1.0.0", "tables": {
              "Widget": {"columns": {
                "name": {"type": "string"},
                "tags": {"type": {"key": "string", "min": 0, "max": "unlimited"}},
                "size": {"type": {"key": "integer", "min": 0, "max": 1}}},
               "isRoot": true}}}
            """);
        File.WriteAllText(Path.Combine(dir, "Program.cs"), """
            using Consumer.Models;
            using OvsNet.Protocol;

            var widget = new Widget { Name = "w", Tags = ["a"] };
            OvsdbRow row = widget.ToRow();
            Console.WriteLine($"{Widget.TableName} {DemoDatabase.Name} {row.Count} {string.Join(',', row.Keys)} {typeof(Widget).Namespace}");
            """);
    }
}
