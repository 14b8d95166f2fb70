using System.Reflection;

namespace OvsNet.Generators.Tests.Infrastructure;

/// <summary>Source-tree paths recorded at build time (snapshots are read from and rewritten in the source tree, not bin/).</summary>
internal static class RepositoryPaths
{
    public static string ProjectDirectory { get; } = Get("ProjectDirectory");

    public static string RepositoryRoot { get; } = Get("RepositoryRoot");

    private static string Get(string key) =>
        typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
