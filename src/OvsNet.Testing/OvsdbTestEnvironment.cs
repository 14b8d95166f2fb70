namespace OvsNet.Testing;

/// <summary>
/// The settings that choose and locate test servers: <c>OVSNET_TEST_SERVER</c> (<c>process</c>, the default, or
/// <c>container</c>) picks where integration-test servers run, <c>OVSNET_OVSDB_IMAGE</c> names the ovsdb-server image,
/// <c>DOCKER_HOST</c> the container engine (as for every Testcontainers user).
/// </summary>
public static class OvsdbTestEnvironment
{
    /// <summary>The image built by <c>containers/ovsdb-server/build.sh</c> when <c>OVSNET_OVSDB_IMAGE</c> is not set.</summary>
    public const string DefaultImage = "localhost/ovsnet/ovsdb-server:3.1";

    /// <summary>The label every container started by this package carries (leftovers are swept by it).</summary>
    public const string Label = "org.ovsnet.testing";

    /// <summary>The label holding the pid of the process that started the container.</summary>
    public const string OwnerLabel = "org.ovsnet.testing.owner";

    /// <summary>Gets where test servers run, from <c>OVSNET_TEST_SERVER</c> (<c>process</c> when unset).</summary>
    /// <exception cref="InvalidOperationException">The variable holds something else than process or container.</exception>
    public static OvsdbServerLocation ServerLocation
    {
        get
        {
            string? value = Environment.GetEnvironmentVariable("OVSNET_TEST_SERVER");
            return value?.Trim().ToUpperInvariant() switch
            {
                null or "" or "PROCESS" => OvsdbServerLocation.Process,
                "CONTAINER" => OvsdbServerLocation.Container,
                _ => throw new InvalidOperationException($"OVSNET_TEST_SERVER is '{value}': use 'process' or 'container'."),
            };
        }
    }

    /// <summary>Gets the ovsdb-server image name, from <c>OVSNET_OVSDB_IMAGE</c> or <see cref="DefaultImage"/>.</summary>
    public static string Image => Environment.GetEnvironmentVariable("OVSNET_OVSDB_IMAGE") is { Length: > 0 } image ? image : DefaultImage;

    /// <summary>
    /// Gets a value indicating whether a container engine answers on <c>DOCKER_HOST</c> (or the default socket) and has
    /// the ovsdb-server image. Use it to skip (locally) or fail (on CI) container tests before starting any.
    /// </summary>
    public static bool IsContainerEngineAvailable => ContainerEngine.Probe() is null;

    /// <summary>Gets why the container engine or the image is not usable, or null when it is.</summary>
    public static string? ContainerEngineProblem => ContainerEngine.Probe();

    /// <summary>
    /// Removes the containers labelled <see cref="Label"/> whose owner process (<see cref="OwnerLabel"/>) no longer runs:
    /// what a killed test run left behind. The first container a process starts does this once by itself.
    /// </summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>A task that completes when the leftovers are gone.</returns>
    public static Task SweepLeftoversAsync(CancellationToken cancellationToken = default) => ContainerEngine.SweepOrphansAsync(cancellationToken);
}
