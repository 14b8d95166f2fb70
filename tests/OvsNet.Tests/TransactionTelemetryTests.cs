using OvsNet.Protocol;
using OvsNet.TestSupport;

namespace OvsNet.Tests;

/// <summary>
/// The transaction outcomes that need a server which does not answer: <c>timeout</c> and <c>cancelled</c>, over the
/// scripted peer. Listeners are process-global, so every assertion filters by a database name used by this test only.
/// </summary>
public sealed class TransactionTelemetryTests
{
    [Fact]
    public async Task A_transaction_that_times_out_counts_as_timeout_with_one_failed_duration()
    {
        string db = "Telemetry_" + Guid.NewGuid().ToString("N");
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        await using var h = Harness.Create(requestTimeout: TimeSpan.FromMilliseconds(200));
        OvsdbTransaction tx = h.Client.CreateTransaction(db);
        tx.Comment("never answered");

        Task commit = tx.CommitAsync(TestTimeouts.CallToken());
        await h.Peer.ExpectRequestAsync("transact");
        await Assert.ThrowsAsync<OvsdbTimeoutException>(() => commit.WaitAsync(TestTimeouts.Call));

        RecordedMeasurement outcome = Assert.Single(metrics.Of("ovsdb.client.transactions", m => m.Tag("db.namespace") == db));
        Assert.Equal(("timeout", "timeout"), (outcome.Tag("ovsdb.transaction.outcome"), outcome.Tag("error.type")));
        RecordedMeasurement duration = Assert.Single(metrics.Of("db.client.operation.duration", m => m.Tag("db.namespace") == db));
        Assert.Equal(("transact", "timeout"), (duration.Tag("db.operation.name"), duration.Tag("error.type")));
        Assert.True(duration.Value > 0);
    }

    [Fact]
    public async Task A_cancelled_transaction_counts_as_cancelled()
    {
        string db = "Telemetry_" + Guid.NewGuid().ToString("N");
        using var metrics = new MeasurementRecorder(OvsNetInstrumentation.MeterName);
        await using var h = Harness.Create();
        OvsdbTransaction tx = h.Client.CreateTransaction(db);
        tx.Comment("cancelled by the caller");
        using var cts = new CancellationTokenSource();

        Task commit = tx.CommitAsync(cts.Token);
        await h.Peer.ExpectRequestAsync("transact");
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => commit.WaitAsync(TestTimeouts.Call));

        RecordedMeasurement outcome = Assert.Single(metrics.Of("ovsdb.client.transactions", m => m.Tag("db.namespace") == db));
        Assert.Equal(("cancelled", "cancelled"), (outcome.Tag("ovsdb.transaction.outcome"), outcome.Tag("error.type")));
        Assert.Empty(metrics.Of("ovsdb.client.transactions", m => m.Tag("db.namespace") == db && m.Tag("ovsdb.transaction.outcome") == "committed"));
    }
}
