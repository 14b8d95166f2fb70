using OvsNet.TestSupport;

namespace OvsNet.Testing.Tests;

/// <summary>The container engine these tests need: skipped locally without it, failed on CI.</summary>
internal static class Engine
{
    public static void Require()
        => Prerequisites.Require(OvsdbTestEnvironment.IsContainerEngineAvailable, "a container engine (DOCKER_HOST) with the ovsdb-server image: " + OvsdbTestEnvironment.ContainerEngineProblem);
}
