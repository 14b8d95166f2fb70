namespace OvsNet.Routing.Tests.Integration;

/// <summary>
/// Tests that read the process-global OvsNet.Routing meter: they run alone (no other test of this assembly executes
/// routing steps meanwhile), so counting before and after is exact.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection
{
    public const string Name = "Telemetry";
}
