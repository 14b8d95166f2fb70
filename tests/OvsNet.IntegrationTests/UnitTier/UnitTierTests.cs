using System.Diagnostics;
using System.Xml.Linq;
using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests.UnitTier;

/// <summary>
/// The unit tier needs neither root nor Open vSwitch: every built test project's tests without the Integration trait
/// run as user nobody in a private mount namespace in which the OVS programs and the Python <c>ovs</c> package do not
/// exist (run-as-nobody.sh), and none fails.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UnitTierTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public void The_unit_tier_passes_as_nobody_with_open_vswitch_hidden()
    {
        Prerequisites.RequireRoot();
        string unshare = Prerequisites.RequireTool("unshare");
        Prerequisites.RequireTool("setpriv");
        string dotnet = ResolveLinks(Prerequisites.RequireTool("dotnet"));

        // tests/<project>/bin/<Configuration>/<tfm>/: the other test projects built the same way (scripts/test.sh builds the solution).
        var tfm = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        string configuration = tfm.Parent!.Name;
        string repo = tfm.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
        string[] projects = [.. Directory.GetDirectories(Path.Combine(repo, "tests"))
            .Select(Path.GetFileName)
            .Where(name => File.Exists(Path.Combine(repo, "tests", name!, name + ".csproj"))
                && File.ReadAllText(Path.Combine(repo, "tests", name!, name + ".csproj")).Contains("<IsTestProject>true</IsTestProject>", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)!];
        string[] assemblies = [.. projects.Select(name => Path.Combine(repo, "tests", name, "bin", configuration, tfm.Name, name + ".dll"))];
        string[] missing = [.. assemblies.Where(a => !File.Exists(a))];
        Prerequisites.Require(missing.Length == 0, $"the test projects built in {configuration} (scripts/test.sh builds the solution); missing: {string.Join(", ", missing)}");

        string work = Directory.CreateTempSubdirectory("ovsnet-unit-tier-").FullName;
        try
        {
            if (OperatingSystem.IsLinux())
            {
                // nobody enters it to reach its home and results directories.
                File.SetUnixFileMode(work, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
                    | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            }

            string script = Path.Combine(AppContext.BaseDirectory, "UnitTier", "run-as-nobody.sh");
            var stopwatch = Stopwatch.StartNew();
            ProcessResult run = ProcessRunner.Run(
                unshare,
                ["--mount", "--propagation", "private", "bash", script, work, dotnet, repo, .. assemblies],
                RunTimeout);
            stopwatch.Stop();
            string output = $"exit {run.ExitCode} after {stopwatch.Elapsed}\n{Tail(run.StandardOutput)}\n{Tail(run.StandardError)}";

            string[] trx = Directory.Exists(Path.Combine(work, "results")) ? Directory.GetFiles(Path.Combine(work, "results"), "*.trx") : [];
            Assert.True(trx.Length == 1, "no TRX result: " + output);
            XElement counters = XDocument.Load(trx[0]).Descendants().First(e => e.Name.LocalName == "Counters");
            int Count(string name) => int.Parse(counters.Attribute(name)?.Value ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            int failed = Count("failed") + Count("error") + Count("timeout") + Count("aborted");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"unit tier as nobody: {Count("passed")} passed, {failed} failed, {Count("total") - Count("passed") - failed} skipped of {Count("total")} in {stopwatch.Elapsed}");

            Assert.True(failed == 0, $"{failed} unit tests failed as nobody without OVS: " + output);
            Assert.True(run.ExitCode == 0, output);
            Assert.True(Count("passed") >= 300, $"only {Count("passed")} unit tests passed: " + output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static string ResolveLinks(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;

    private static string Tail(string text) => text.Length <= 8000 ? text : text[^8000..];
}
