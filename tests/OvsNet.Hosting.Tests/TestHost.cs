using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;

namespace OvsNet.Hosting.Tests;

/// <summary>A host built the way an application builds one: in-memory configuration, then the test's registrations.</summary>
internal static class TestHost
{
    public static IHost Build(IDictionary<string, string?> settings, Action<HostApplicationBuilder> register)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        register(builder);
        return builder.Build();
    }

    /// <summary>Runs the host's health checks once and returns the entry named <paramref name="name"/>.</summary>
    public static async Task<HealthReportEntry> CheckAsync(this IHost host, string name)
    {
        HealthReport report = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(r => r.Name == name);
        return report.Entries[name];
    }
}
