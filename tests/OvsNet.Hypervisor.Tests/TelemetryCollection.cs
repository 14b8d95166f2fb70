namespace OvsNet.Hypervisor.Tests;

/// <summary>
/// Tests that read the process-global OvsNet.Hypervisor meter and activity source: they run alone (no other test of
/// this assembly applies a host spec meanwhile), so what they record is theirs.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
