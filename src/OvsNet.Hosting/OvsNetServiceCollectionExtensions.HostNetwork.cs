using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OvsNet.Hypervisor;

namespace OvsNet.Hosting;

/// <content>The host network: the reconciler and the tunnel route watcher as hosted services.</content>
public static partial class OvsNetServiceCollectionExtensions
{
    private const string ReconcilerOptionsName = "OvsNet.HostNetworkReconciler";
    private const string WatcherOptionsName = "OvsNet.TunnelRouteWatcher";

    /// <summary>
    /// Registers a <see cref="HostNetworkReconciler"/> (a singleton) that keeps <paramref name="spec"/> applied while
    /// the host runs: settings bound from <paramref name="configuration"/>, then <paramref name="configure"/>; the
    /// settings and the spec are validated when the host starts. Its health check is
    /// <see cref="OvsNetHealthChecksBuilderExtensions.AddHostNetworkReconciler(IHealthChecksBuilder, string?, HealthStatus?, IEnumerable{string}?)"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="spec">Builds the spec (once, when the reconciler is created).</param>
    /// <param name="configuration">The section to bind (<see cref="HostNetworkReconcilerSettings"/>), or null.</param>
    /// <param name="configure">Sets the settings after binding, or null.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">A reconciler is already registered.</exception>
    public static IServiceCollection AddHostNetworkReconciler(
        this IServiceCollection services,
        Func<IServiceProvider, HostNetworkSpec> spec,
        IConfiguration? configuration = null,
        Action<HostNetworkReconcilerSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(spec);
        if (services.Any(d => d.ServiceType == typeof(HostNetworkReconciler)))
        {
            throw new InvalidOperationException("A host network reconciler is already registered.");
        }

        OptionsBuilder<HostNetworkReconcilerSettings> options = services.AddOptions<HostNetworkReconcilerSettings>(ReconcilerOptionsName);
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        string what = $"Host network reconciler ({Source(configuration)})";
        services.AddSingleton<IValidateOptions<HostNetworkReconcilerSettings>>(new ArgumentValidator<HostNetworkReconcilerSettings>(
            ReconcilerOptionsName,
            what,
            settings => settings.ToOptions(PlaceholderSpec.Value, null).Validate()));
        options.ValidateOnStart();

        services.AddSingleton(provider =>
        {
            HostNetworkReconcilerSettings settings = provider.GetRequiredService<IOptionsMonitor<HostNetworkReconcilerSettings>>().Get(ReconcilerOptionsName);
            HostNetworkSpec built = spec(provider) ?? throw new InvalidOperationException("The host network spec factory returned null.");
            try
            {
                return new HostNetworkReconciler(settings.ToOptions(built, provider.GetService<ILoggerFactory>()));
            }
            catch (ArgumentException ex)
            {
                throw new OptionsValidationException(ReconcilerOptionsName, typeof(HostNetworkReconcilerSettings), [$"{what}: the spec is invalid: {ex.Message}"]);
            }
        });
        services.AddSingleton<IHostedService>(provider => new HostNetworkReconcilerHostedService(provider.GetRequiredService<HostNetworkReconciler>()));
        return services;
    }

    /// <summary>
    /// Registers a <see cref="Routing.TunnelRouteWatcher"/> that keeps the tunnel endpoint's policy routing applied while
    /// the host runs (it re-applies the routes the kernel drops when the port flaps): settings bound from
    /// <paramref name="configuration"/>, then <paramref name="configure"/>, validated when the host starts, which
    /// also fails when netlink cannot be opened in the namespace.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section to bind (<see cref="TunnelRouteWatcherSettings"/>), or null.</param>
    /// <param name="configure">Sets the settings after binding, or null.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddTunnelRouteWatcher(this IServiceCollection services, IConfiguration? configuration = null, Action<TunnelRouteWatcherSettings>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TunnelRouteWatcherSettings> options = services.AddOptions<TunnelRouteWatcherSettings>(WatcherOptionsName);
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddSingleton<IValidateOptions<TunnelRouteWatcherSettings>>(new ArgumentValidator<TunnelRouteWatcherSettings>(
            WatcherOptionsName,
            $"Tunnel route watcher ({Source(configuration)})",
            settings => settings.ToPolicy()));
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TunnelRouteWatcherHostedService>(provider => new TunnelRouteWatcherHostedService(
            provider.GetRequiredService<IOptionsMonitor<TunnelRouteWatcherSettings>>().Get(WatcherOptionsName),
            provider.GetService<ILoggerFactory>())));
        return services;
    }

    private static string Source(IConfiguration? configuration) =>
        configuration is IConfigurationSection section ? $"configuration section '{section.Path}'" : "settings";

    /// <summary>A spec that passes validation, to check the reconciler's own settings before the real spec is built.</summary>
    private static class PlaceholderSpec
    {
        public static HostNetworkSpec Value { get; } = new()
        {
            Management = new ManagementPortSpec { Address = System.Net.IPAddress.Parse("192.0.2.10"), PrefixLength = 24 },
            TunnelEndpoint = new TunnelEndpointSpec { Address = System.Net.IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Gateway = System.Net.IPAddress.Parse("198.51.100.1") },
        };
    }

    /// <summary>Validates settings by building what they describe: an <see cref="ArgumentException"/> becomes the failure message.</summary>
    private sealed class ArgumentValidator<TSettings>(string name, string what, Action<TSettings> check) : IValidateOptions<TSettings>
        where TSettings : class
    {
        public ValidateOptionsResult Validate(string? optionsName, TSettings options)
        {
            if (optionsName != name)
            {
                return ValidateOptionsResult.Skip;
            }

            try
            {
                check(options);
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"{what}: {ex.Message}");
            }
        }
    }
}
