using System.Runtime.CompilerServices;
using System.Text;

namespace OvsNet.Routing.Tests.Rendering;

/// <summary>
/// Compares rendered text byte for byte with a checked-in file under Rendering/Golden. With
/// OVSNET_UPDATE_GOLDEN=1 the file is rewritten and the test still fails, so an update is always a deliberate,
/// reviewed change.
/// </summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        string sourcePath = Path.Combine(Path.GetDirectoryName(callerPath)!, "Golden", name);
        byte[] actualBytes = Encoding.UTF8.GetBytes(actual);
        if (Environment.GetEnvironmentVariable("OVSNET_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllBytes(sourcePath, actualBytes);
            Assert.Fail($"Golden file {name} rewritten; review it and run again without OVSNET_UPDATE_GOLDEN.");
        }

        string expectedPath = Path.Combine(AppContext.BaseDirectory, "Rendering", "Golden", name);
        Assert.True(File.Exists(expectedPath), $"Golden file {name} is missing from the test output.");
        Assert.Equal(File.ReadAllBytes(expectedPath), actualBytes);
    }
}
