using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OvsNet.Hosting;
using OvsNet.OpenTelemetry;
using OvsNet.Replica;
using OvsNet.Vswitch;

namespace OvsNet.Samples.Worker;

/// <summary>
/// A worker service on OvsNet.Hosting: a session to ovsdb-server and a replica of the Interface table started with
/// the host, health checks whose changes are printed, and OvsNet's metrics and traces exported to the console.
/// </summary>
public static class InterfaceWorker
{
    /// <summary>Builds and runs the host until <paramref name="cancellationToken"/> is cancelled (or Ctrl+C).</summary>
    /// <param name="args">Configuration as command-line arguments (<c>--Ovsdb:Remotes=unix:/run/openvswitch/db.sock</c>).</param>
    /// <param name="output">Where the sample's own lines go: interface changes and health changes.</param>
    /// <param name="cancellationToken">Stops the host.</param>
    /// <returns>The exit code: 0 after a clean stop, 2 when the settings are invalid.</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ovsdb:Remotes"] = "unix:/var/run/openvswitch/db.sock",
            ["Ovsdb:MinBackoff"] = "00:00:00.200",
            ["Ovsdb:MaxBackoff"] = "00:00:01",
            ["Replica:Tables:Interface:Columns:0"] = "name",
            ["Replica:Tables:Interface:Columns:1"] = "type",
            ["Replica:Tables:Interface:Columns:2"] = "ofport",
            ["Health:GracePeriod"] = "00:00:03",
            ["Health:Period"] = "00:00:01",
            ["Telemetry:ExportIntervalMilliseconds"] = "5000",
        });
        builder.Configuration.AddEnvironmentVariables().AddCommandLine(args);
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(LogLevel.Warning);

        TimeSpan grace = builder.Configuration.GetValue("Health:GracePeriod", TimeSpan.FromSeconds(3));
        builder.Services.AddOvsdbSession(builder.Configuration.GetSection("Ovsdb"));
        builder.Services.AddOvsdbReplica(builder.Configuration.GetSection("Replica"));
        builder.Services.AddHealthChecks()
            .AddOvsdbSession(configure: health => health.DisconnectedGracePeriod = grace)
            .AddOvsdbReplica(configure: health => health.DisconnectedGracePeriod = grace);
        builder.Services.Configure<HealthCheckPublisherOptions>(publisher =>
        {
            publisher.Delay = TimeSpan.Zero;
            publisher.Period = builder.Configuration.GetValue("Health:Period", TimeSpan.FromSeconds(1));
        });
        builder.Services.AddSingleton<IHealthCheckPublisher>(new HealthPrinter(output));
        builder.Services.AddHostedService(provider => new InterfacePrinter(provider.GetRequiredService<OvsdbHostedReplica>(), output));

        int exportInterval = builder.Configuration.GetValue("Telemetry:ExportIntervalMilliseconds", 5000);
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddOvsNetInstrumentation()
                .AddConsoleExporter((_, reader) => reader.PeriodicExportingMetricReaderOptions.ExportIntervalMilliseconds = exportInterval))
            .WithTracing(tracing => tracing.AddOvsNetInstrumentation().AddConsoleExporter());

        using IHost host = builder.Build();
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await output.WriteLineAsync($"invalid settings: {ex.Message}").ConfigureAwait(false);
            return 2;
        }

        return 0;
    }

    /// <summary>Prints the overall status and each entry whenever the report changes.</summary>
    private sealed class HealthPrinter(TextWriter output) : IHealthCheckPublisher
    {
        private string? last;

        public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
        {
            string line = $"health {report.Status}: " + string.Join("; ", report.Entries.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key} {e.Value.Status}"));
            if (line != this.last)
            {
                this.last = line;
                output.WriteLine(line);
                foreach ((string name, HealthReportEntry entry) in report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy))
                {
                    output.WriteLine($"  {name}: {entry.Description}");
                }
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>Waits for the replica's initial load, prints the interfaces, then every change.</summary>
    private sealed class InterfacePrinter(OvsdbHostedReplica hosted, TextWriter output) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            OvsdbReplica replica;
            try
            {
                replica = await hosted.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            while (!stoppingToken.IsCancellationRequested)
            {
                using OvsdbReplicaSubscription subscription = replica.Subscribe();
                IReadOnlyList<Interface> interfaces = [.. subscription.Snapshot.Table<Interface>().All];
                await output.WriteLineAsync($"interfaces: {string.Join(", ", interfaces.Select(i => i.Name).Order(StringComparer.Ordinal))}").ConfigureAwait(false);
                try
                {
                    await foreach (OvsdbReplicaChange<Interface> change in subscription.ReadChangesAsync<Interface>(stoppingToken).ConfigureAwait(false))
                    {
                        await output.WriteLineAsync($"{change.Kind.ToString().ToLowerInvariant()} {(change.New ?? change.Old)?.Name}").ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (OvsdbReplicaLaggedException)
                {
                    // Fell behind: start over from a fresh snapshot.
                }
            }
        }
    }
}
