using System.Text.Json;
using Microsoft.Extensions.Logging;
using OvsNet.Routing.Tests.Integration;

namespace OvsNet.Routing.Tests.Engine;

/// <summary>
/// <see cref="RoutingEngine.UndoAsync"/> honours its token between steps: a cancelled token stops it before the next
/// step, and the exception says which steps were undone and which are still in effect. <c>ip -j</c> is the witness.
/// </summary>
[Trait("Category", "Integration")]
public sealed class UndoCancellationTests
{
    private static readonly PlannedChangeKind[] TunnelSteps =
        [PlannedChangeKind.BringLinkUp, PlannedChangeKind.AddAddress, PlannedChangeKind.AddRoute, PlannedChangeKind.AddRule];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Undo_cancelled_during_the_first_step_finishes_that_step_stops_before_the_next_and_the_rest_can_be_undone_later()
    {
        using var lab = HypervisorLab.Create();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var logger = new CancelOnFirstUndoStep(cancel);
        await using RtNetlinkClient client = await RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = lab.Hv.Name, Logger = logger }, Ct);
        var engine = new RoutingEngine(client, TunnelRoutingManager.ToEngineOptions(HypervisorLab.Policy4));
        RoutingExecution execution = await engine.ApplyAsync(TunnelRoutingManager.ToRoutingState(HypervisorLab.Policy4), Ct);
        Assert.Equal(TunnelSteps, execution.Performed.Select(c => c.Kind));

        // The token fires while the first undo step (the rule, last performed) is starting.
        logger.Armed = true;
        var ex = await Assert.ThrowsAsync<RoutingUndoCanceledException>(() => engine.UndoAsync(execution.Performed, cancel.Token));

        Assert.Equal(cancel.Token, ex.CancellationToken);
        Assert.Equal([PlannedChangeKind.AddRule], ex.Undone.Select(c => c.Kind));
        Assert.Equal([PlannedChangeKind.BringLinkUp, PlannedChangeKind.AddAddress, PlannedChangeKind.AddRoute], ex.NotUndone.Select(c => c.Kind));
        Assert.Empty(ex.RollbackFailures);
        Assert.Contains("3 step(s) were not undone and are still in effect", ex.Message, StringComparison.Ordinal);
        Assert.Contains(execution.Performed[2].ToString(), ex.Message, StringComparison.Ordinal);

        // The witness: the step in flight completed (the rule is gone); nothing after it was touched.
        Assert.DoesNotContain(lab.Hv.IpJson("rule", "show").EnumerateArray(), r => r.GetProperty("priority").GetInt32() == 1000);
        Assert.Single(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        JsonElement link = lab.Hv.IpJson("addr", "show", "dev", "tep0")[0];
        Assert.Contains("UP", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Contains(link.GetProperty("addr_info").EnumerateArray(), a => a.GetProperty("local").GetString() == "198.51.100.10");

        // What is still in effect, passed back, finishes the undo.
        logger.Armed = false;
        Assert.Empty(await engine.UndoAsync(ex.NotUndone, Ct));
        Assert.Empty(lab.Hv.IpJson("route", "show", "table", "200").EnumerateArray());
        link = lab.Hv.IpJson("addr", "show", "dev", "tep0")[0];
        Assert.DoesNotContain("UP", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(link.GetProperty("addr_info").EnumerateArray());
    }

    [Fact]
    public async Task Undo_with_a_token_already_cancelled_undoes_nothing_and_lists_every_step_as_still_in_effect()
    {
        using var lab = HypervisorLab.Create();
        await using RtNetlinkClient client = await lab.OpenClientAsync();
        var engine = new RoutingEngine(client, TunnelRoutingManager.ToEngineOptions(HypervisorLab.Policy4));
        RoutingExecution execution = await engine.ApplyAsync(TunnelRoutingManager.ToRoutingState(HypervisorLab.Policy4), Ct);

        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var ex = await Assert.ThrowsAsync<RoutingUndoCanceledException>(() => engine.UndoAsync(execution.Performed, cancelled.Token));

        Assert.Empty(ex.Undone);
        Assert.Equal(execution.Performed, ex.NotUndone);
        Assert.True((await engine.PlanAsync(TunnelRoutingManager.ToRoutingState(HypervisorLab.Policy4), Ct)).IsEmpty); // the kernel still has it all
    }

    /// <summary>Cancels the source when the engine logs that it is starting an undo step (event 206), once armed.</summary>
    private sealed class CancelOnFirstUndoStep(CancellationTokenSource source) : ILogger
    {
        public bool Armed { get; set; }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (Armed && eventId.Id == 206)
            {
                Armed = false;
                source.Cancel();
            }
        }
    }
}
