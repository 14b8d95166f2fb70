using System.Globalization;
using Docker.DotNet;
using Docker.DotNet.Models;
using DotNet.Testcontainers.Configurations;

namespace OvsNet.Testing;

/// <summary>
/// What Testcontainers does not offer: SIGKILL of a container, its host pid, and sweeping the containers a killed test
/// run left behind (the resource reaper image is not used: its registry may be unreachable).
/// </summary>
internal static class ContainerEngine
{
    private static readonly Lazy<string?> ProbeResult = new(ProbeCore);
    private static readonly Lazy<Task> Sweep = new(() => SweepOrphansAsync(CancellationToken.None));

    /// <summary>Gets this process's id, written on every container as its owner.</summary>
    public static string OwnerId { get; } = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Gets a value indicating whether the engine runs on this host (its API on a unix socket and no
    /// <c>TESTCONTAINERS_HOST_OVERRIDE</c>): published ports are then reached on 127.0.0.1, whatever gateway
    /// Testcontainers would guess.
    /// </summary>
    public static bool IsLocal
        => string.IsNullOrEmpty(Environment.GetEnvironmentVariable("TESTCONTAINERS_HOST_OVERRIDE"))
            && TestcontainersSettings.OS.DockerEndpointAuthConfig.Endpoint.Scheme == "unix";

    /// <summary>Returns why the engine or the image is not usable, or null when both are.</summary>
    public static string? Probe() => ProbeResult.Value;

    /// <summary>Sweeps orphans once per process (containers labelled by this package whose owner process is gone).</summary>
    public static Task EnsureSweptAsync() => Sweep.Value;

    /// <summary>Kills a container with SIGKILL.</summary>
    public static async Task KillAsync(string id, CancellationToken cancellationToken)
    {
        using DockerClient client = CreateClient();
        await client.Containers.KillContainerAsync(id, new ContainerKillParameters { Signal = "KILL" }, cancellationToken).ConfigureAwait(false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await client.Containers.InspectContainerAsync(id, timeout.Token).ConfigureAwait(false)).State?.Running == true)
        {
            await Task.Delay(50, timeout.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Removes a container (forced; nothing happens when it is gone already).</summary>
    public static async Task RemoveAsync(string id)
    {
        using DockerClient client = CreateClient();
        try
        {
            await client.Containers.RemoveContainerAsync(id, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Removed already.
        }
    }

    /// <summary>Returns the host pid of the container's main process, or null when it is not running.</summary>
    public static async Task<int?> GetPidAsync(string id, CancellationToken cancellationToken)
    {
        using DockerClient client = CreateClient();
        ContainerInspectResponse response = await client.Containers.InspectContainerAsync(id, cancellationToken).ConfigureAwait(false);
        return response.State is { Running: true, Pid: > 0 } state ? (int)state.Pid : null;
    }

    /// <summary>Removes every container labelled by this package whose owner process no longer runs on this host.</summary>
    public static async Task SweepOrphansAsync(CancellationToken cancellationToken)
    {
        using DockerClient client = CreateClient();
        IList<ContainerListResponse> containers = await client.Containers.ListContainersAsync(
            new ContainersListParameters
            {
                All = true,
                Filters = new Dictionary<string, IDictionary<string, bool>> { ["label"] = new Dictionary<string, bool> { [OvsdbTestEnvironment.Label] = true } },
            },
            cancellationToken).ConfigureAwait(false);
        foreach (ContainerListResponse container in containers)
        {
            if (container.Labels.TryGetValue(OvsdbTestEnvironment.OwnerLabel, out string? owner) && Directory.Exists("/proc/" + owner))
            {
                continue;
            }

            try
            {
                await client.Containers.RemoveContainerAsync(container.ID, new ContainerRemoveParameters { Force = true, RemoveVolumes = true }, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerContainerNotFoundException)
            {
                // Removed by someone else meanwhile.
            }
        }
    }

    private static DockerClient CreateClient() => TestcontainersSettings.OS.DockerEndpointAuthConfig.GetDockerClientBuilder(Guid.Empty).Build();

    private static string? ProbeCore()
    {
        try
        {
            using DockerClient client = CreateClient();
            client.System.PingAsync().GetAwaiter().GetResult();
            try
            {
                client.Images.InspectImageAsync(OvsdbTestEnvironment.Image).GetAwaiter().GetResult();
            }
            catch (DockerImageNotFoundException)
            {
                return $"the image {OvsdbTestEnvironment.Image} is missing: build it with containers/ovsdb-server/build.sh";
            }

            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "no container engine answers the Docker API (DOCKER_HOST=" + Environment.GetEnvironmentVariable("DOCKER_HOST") + "): " + ex.Message;
        }
    }
}
