using System.Diagnostics;
using OvsNet.TestSupport;

namespace OvsNet.Routing.Tests.Integration;

/// <summary><c>ovsnet.routing.steps</c> against a real kernel, in throwaway namespaces.</summary>
[Trait("Category", "Integration")]
[Collection(TelemetryCollection.Name)]
public sealed class RoutingTelemetryTests
{
    private const string Steps = "ovsnet.routing.steps";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Applied_steps_count_as_applied_and_an_undo_counts_them_as_rolled_back()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var engine = new RoutingEngine(client, TunnelRoutingManager.ToEngineOptions(HypervisorLab.Policy4));
        using var metrics = new MeasurementRecorder(OvsNetRoutingInstrumentation.MeterName);
        using var spans = new ActivityRecorder(OvsNetRoutingInstrumentation.ActivitySourceName);

        RoutingExecution execution = await engine.ApplyAsync(TunnelRoutingManager.ToRoutingState(HypervisorLab.Policy4), Ct);
        Assert.Equal(
            execution.Performed.Select(c => c.Kind.ToString()),
            metrics.Of(Steps).Select(m => m.Tag("ovsnet.routing.step.kind")));
        Assert.All(metrics.Of(Steps), m => Assert.Equal(("applied", 1.0), (m.Tag("ovsnet.routing.step.outcome"), m.Value)));
        Activity applied = Assert.Single(spans.Stopped);
        Assert.Equal("routing execute", applied.DisplayName);
        Assert.Equal(execution.Performed.Count, applied.GetTagItem("ovsnet.routing.steps.performed"));
        Assert.Equal(ActivityStatusCode.Unset, applied.Status);

        // Applying again changes nothing, so nothing is counted.
        metrics.Clear();
        Assert.Empty((await engine.ApplyAsync(TunnelRoutingManager.ToRoutingState(HypervisorLab.Policy4), Ct)).Performed);
        Assert.Empty(metrics.Of(Steps));

        Assert.Empty(await engine.UndoAsync(execution.Performed, Ct));
        Activity undo = spans.Stopped[^1];
        Assert.Equal(("routing undo", execution.Performed.Count, ActivityStatusCode.Unset), (undo.DisplayName, undo.GetTagItem("ovsnet.routing.plan.steps"), undo.Status));
        Assert.Equal(
            execution.Performed.Reverse().Select(c => c.Kind.ToString()),
            metrics.Of(Steps).Select(m => m.Tag("ovsnet.routing.step.kind")));
        Assert.All(metrics.Of(Steps), m => Assert.Equal("rolled_back", m.Tag("ovsnet.routing.step.outcome")));
    }

    [Fact]
    public async Task A_failure_halfway_counts_the_steps_before_it_as_applied_then_rolled_back()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        RoutingPlan plan = await new TunnelRoutingManager(client).PlanAsync(HypervisorLab.Policy4, Ct);
        lab.Hv.Ip("route", "add", "default", "via", "192.0.2.1", "dev", "mgmt0", "table", "200"); // the route step will fail
        var engine = new RoutingEngine(client, TunnelRoutingManager.ToEngineOptions(HypervisorLab.Policy4));
        using var metrics = new MeasurementRecorder(OvsNetRoutingInstrumentation.MeterName);
        using var spans = new ActivityRecorder(OvsNetRoutingInstrumentation.ActivitySourceName);

        await Assert.ThrowsAsync<RoutingExecutionException>(() => engine.ExecuteAsync(plan, Ct));

        Activity failed = Assert.Single(spans.Stopped, a => a.DisplayName == "routing execute");
        Assert.Equal((ActivityStatusCode.Error, typeof(RoutingExecutionException).FullName), (failed.Status, failed.GetTagItem("error.type")));

        Assert.Equal(
            [("applied", "BringLinkUp"), ("applied", "AddAddress"), ("rolled_back", "AddAddress"), ("rolled_back", "BringLinkUp")],
            metrics.Of(Steps).Select(m => (m.Tag("ovsnet.routing.step.outcome"), m.Tag("ovsnet.routing.step.kind"))));
    }
}
