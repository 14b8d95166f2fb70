using System.Diagnostics;
using System.IO.Compression;
using System.Xml.Linq;
using OvsNet.TestSupport;

namespace OvsNet.Packaging.Tests;

/// <summary>
/// Packs every OvsNet package into a folder feed, then builds and runs the consumer app (Consumer/, a copy in a temp
/// folder) from those packages alone: PackageReference through its own nuget.config (the feed plus the repository's
/// sources) and its own NuGet cache, so no project reference and no stale cached package can stand in.
/// </summary>
[Trait("Category", "Integration")]
[Trait("Category", "Integration")]
public sealed class PackagingTests(OvsdbServerFixture vswitchDb) : IClassFixture<OvsdbServerFixture>
{
    private static readonly string[] Packages = ["OvsNet.Protocol", "OvsNet", "OvsNet.Vswitch", "OvsNet.Routing", "OvsNet.Hypervisor", "OvsNet.Hosting", "OvsNet.OpenTelemetry", "OvsNet.Testing"];
    private static readonly TimeSpan DotnetTimeout = TimeSpan.FromMinutes(10);

    [Fact]
    public async Task Consumer_app_built_from_packed_packages_uses_client_vswitch_routing_host_spec_generator_and_hosting()
    {
        vswitchDb.Require();
        string repo = RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("ovsnet-packaging-").FullName;
        try
        {
            string feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
            string cache = Directory.CreateDirectory(Path.Combine(work, "nuget-cache")).FullName;
            string app = Path.Combine(work, "consumer");
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = cache };

            foreach (string package in Packages)
            {
                Dotnet(["pack", Path.Combine(repo, "src", package, package + ".csproj"), "-c", "Release", "-o", feed, "--nologo"], repo, environment);
            }

            AssertPackageContents(feed);

            CopyConsumer(Path.Combine(repo, "tests", "OvsNet.Packaging.Tests", "Consumer"), app);
            WriteNugetConfig(Path.Combine(repo, "nuget.config"), feed, Path.Combine(app, "nuget.config"));

            // The consumer's own schema gets its own private server.
            string gadgetsDir = Directory.CreateTempSubdirectory("ovsnet-gadgets-").FullName;
            string db = Path.Combine(gadgetsDir, "gadgets.db");
            await ProcessRunner.RunCheckedAsync("ovsdb-tool", ["create", db, Path.Combine(app, "Schemas", "gadgets.ovsschema")]);
            var gadgets = new OvsdbServerProcess(gadgetsDir, db, []);
            try
            {
                await gadgets.StartAsync();
                Dotnet(["build", app, "-c", "Release", "--nologo", "-v", "q"], app, environment);
                string output = Dotnet(["run", "--project", app, "-c", "Release", "--no-build", "--", vswitchDb.UnixEndpoint, gadgets.UnixEndpoint], app, environment);

                Assert.Contains("databases: Gadgets", output, StringComparison.Ordinal);
                Assert.Contains("gadget: cart color=green labels=owner=ops note=none parts=1", output, StringComparison.Ordinal);
                Assert.Contains("bridge: changed=True again=False", output, StringComparison.Ordinal);
                Assert.Contains("bridges: br-consumer", output, StringComparison.Ordinal);
                Assert.Contains("rt_tables: 200 tunnel", output, StringComparison.Ordinal);
                Assert.Contains("host files: ", output, StringComparison.Ordinal);
                Assert.Contains("hosted: bridges=br-consumer health=Healthy", output, StringComparison.Ordinal);
                Assert.Contains("telemetry sources: OvsNet,OvsNet.Routing,OvsNet.Hypervisor", output, StringComparison.Ordinal);
                Assert.Contains("consumer: done", output, StringComparison.Ordinal);
                Assert.Contains("br-consumer", await vswitchDb.VsctlAsync("list-br"), StringComparison.Ordinal);
            }
            finally
            {
                await gadgets.DisposeAsync();
                TestDirectories.Delete(gadgetsDir);
            }
        }
        finally
        {
            TestDirectories.Delete(work);
        }
    }

    [Fact]
    public void The_tool_package_installs_with_dotnet_tool_install_and_runs_as_ovsnet()
    {
        string repo = RepositoryRoot();
        string work = Directory.CreateTempSubdirectory("ovsnet-tool-package-").FullName;
        try
        {
            string feed = Directory.CreateDirectory(Path.Combine(work, "feed")).FullName;
            var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Directory.CreateDirectory(Path.Combine(work, "nuget-cache")).FullName };
            Dotnet(["pack", Path.Combine(repo, "src", "OvsNet.Tool", "OvsNet.Tool.csproj"), "-c", "Release", "-o", feed, "--nologo"], repo, environment);
            using (ZipArchive zip = ZipFile.OpenRead(Path.Combine(feed, "OvsNet.Tool.1.0.0.nupkg")))
            {
                var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
                Assert.Contains("tools/net10.0/any/DotnetToolSettings.xml", entries);
                Assert.Contains("schemas/host-spec.schema.json", entries);
                Assert.Contains("systemd/ovsnet-agent.service", entries);
                Assert.Contains("README.md", entries);
            }

            string config = Path.Combine(work, "nuget.config");
            WriteNugetConfig(Path.Combine(repo, "nuget.config"), feed, config);
            string tools = Path.Combine(work, "tools");
            Dotnet(["tool", "install", "OvsNet.Tool", "--tool-path", tools, "--configfile", config], work, environment);
            string spec = Path.Combine(work, "host.yaml");
            File.WriteAllText(spec, "management:\n  address: 192.0.2.10/24\ntunnel-endpoint:\n  address: 198.51.100.10/24\n  gateway: 198.51.100.1\n");

            ProcessResult run = ProcessRunner.Run(Path.Combine(tools, "ovsnet"), ["host", "validate", spec]);

            Assert.True(run.ExitCode == 0, $"{run.StandardOutput}\n{run.StandardError}");
            Assert.Equal("host.yaml: valid (bridge br0, 0 tunnel(s))", run.StandardOutput.Trim());
        }
        finally
        {
            TestDirectories.Delete(work);
        }
    }

    private static void AssertPackageContents(string feed)
    {
        foreach (string package in Packages)
        {
            string nupkg = Path.Combine(feed, package + ".1.0.0.nupkg");
            Assert.True(File.Exists(nupkg), $"{nupkg} was not packed");
            Assert.True(File.Exists(Path.Combine(feed, package + ".1.0.0.snupkg")), $"{package} has no symbol package");
            using ZipArchive zip = ZipFile.OpenRead(nupkg);
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
            Assert.Contains("README.md", entries);
            Assert.Contains("icon.png", entries);
            Assert.Contains($"lib/net10.0/{package}.dll", entries);
            Assert.Contains($"lib/net10.0/{package}.xml", entries);
            if (package == "OvsNet")
            {
                Assert.Contains("analyzers/dotnet/cs/OvsNet.Generators.dll", entries);
                Assert.Contains("buildTransitive/OvsNet.props", entries);
            }
        }
    }

    private static void CopyConsumer(string source, string target)
    {
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(source, file);
            string first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj")
            {
                continue;
            }

            string destination = Path.Combine(target, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
    }

    /// <summary>The local feed first, then every source of the repository's nuget.config (for third-party packages).</summary>
    private static void WriteNugetConfig(string repositoryConfig, string feed, string target)
    {
        var sources = new XElement("packageSources", new XElement("clear"), new XElement("add", new XAttribute("key", "ovsnet-local"), new XAttribute("value", feed)));
        foreach (XElement add in XDocument.Load(repositoryConfig).Descendants("packageSources").Elements("add"))
        {
            sources.Add(new XElement(add));
        }

        new XDocument(new XElement("configuration", sources)).Save(target);
    }

    private static string Dotnet(IReadOnlyList<string> args, string workingDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach ((string key, string value) in environment)
        {
            info.Environment[key] = value;
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using Process process = Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(DotnetTimeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', args)} did not finish in {DotnetTimeout}.");
        }

        string output = stdout.GetAwaiter().GetResult() + stderr.GetAwaiter().GetResult();
        Assert.True(process.ExitCode == 0, $"dotnet {string.Join(' ', args)} failed ({process.ExitCode}):\n{output}");
        return output;
    }

    private static string RepositoryRoot()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OvsNet.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OvsNet.sln not found above " + AppContext.BaseDirectory);
    }
}
