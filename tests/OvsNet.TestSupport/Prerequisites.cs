using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// Checks for what an integration test needs (root, ovsdb-server, ip, python IDL...).
/// Locally a missing prerequisite skips the test with the reason; on CI (<c>CI=true</c>) it fails the test,
/// so a missing install step can never turn into a silently green run. Every check first requires the current test to
/// be an integration test (<see cref="TestTier.RequireIntegration"/>), present or not.
/// </summary>
public static class Prerequisites
{
    /// <summary>True when running under CI (<c>CI=true</c>).</summary>
    public static bool IsCI => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>True when the process runs as root (uid 0).</summary>
    public static bool IsRoot => Environment.UserName == "root" || GetEffectiveUid() == 0;

    /// <summary>Skips (locally) or fails (on CI) unless <paramref name="condition"/> holds.</summary>
    public static void Require(bool condition, string what)
    {
        TestTier.RequireIntegration(what);
        if (condition)
        {
            return;
        }

        if (IsCI)
        {
            throw new InvalidOperationException($"Prerequisite missing on CI: {what}. Run scripts/setup.sh (the README's test command does).");
        }

        Assert.Skip($"Prerequisite missing: {what}");
    }

    /// <summary>
    /// Requires what <c>OVSNET_TEST_SERVER</c> asks for: nothing more for <c>process</c>; for <c>container</c>, a container
    /// engine on <c>DOCKER_HOST</c> with the ovsdb-server image (scripts/test.sh starts one and builds the image).
    /// </summary>
    public static void RequireTestServers()
    {
        if (OvsNet.Testing.OvsdbTestEnvironment.ServerLocation == OvsNet.Testing.OvsdbServerLocation.Container)
        {
            string? problem = OvsNet.Testing.OvsdbTestEnvironment.ContainerEngineProblem;
            Require(problem is null, "a container engine for OVSNET_TEST_SERVER=container: " + problem);
        }
    }

    /// <summary>True when test servers can start where <c>OVSNET_TEST_SERVER</c> says (a container engine answers in container mode).</summary>
    public static bool TestServersAvailable
        => OvsNet.Testing.OvsdbTestEnvironment.ServerLocation == OvsNet.Testing.OvsdbServerLocation.Process || OvsNet.Testing.OvsdbTestEnvironment.IsContainerEngineAvailable;

    /// <summary>Requires root (network namespaces, netlink changes).</summary>
    public static void RequireRoot() => Require(IsRoot, "root privileges (network namespaces and netlink changes need CAP_NET_ADMIN/CAP_SYS_ADMIN)");

    /// <summary>Requires an executable on PATH (or an absolute path) and returns its full path.</summary>
    public static string RequireTool(string name)
    {
        string? path = FindTool(name);
        Require(path is not null, $"'{name}' on PATH (apt-get install the package that provides it)");
        return path!;
    }

    /// <summary>Finds an executable on PATH, or null.</summary>
    public static string? FindTool(string name) => OvsNet.Testing.Tools.Find(name);

    private static uint GetEffectiveUid()
    {
        try
        {
            foreach (string line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("Uid:", StringComparison.Ordinal))
                {
                    string[] parts = line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries);
                    return uint.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return uint.MaxValue;
    }
}
