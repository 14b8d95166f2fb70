using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OvsNet.Protocol;
using OvsNet.Replica;

namespace OvsNet.Hosting;

/// <summary>
/// Registers OvsNet's long-running parts with a host: an <see cref="OvsdbSession"/> (a singleton, started with the
/// host and disposed when it stops) and a replica over it (<see cref="OvsdbHostedReplica"/>). Sessions and replicas
/// may be keyed (<c>[FromKeyedServices("nb")]</c>) to talk to several databases. Settings are bound from an
/// <see cref="IConfiguration"/> section and/or set in code, and validated when the host starts: invalid settings stop
/// the start with an <see cref="OptionsValidationException"/> that names the section and the setting.
/// </summary>
public static partial class OvsNetServiceCollectionExtensions
{
    /// <summary>Registers a hosted <see cref="OvsdbSession"/> bound from a configuration section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section (<see cref="OvsdbSessionSettings"/>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOvsdbSession(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOvsdbSession(null, configuration, null);

    /// <summary>Registers a hosted <see cref="OvsdbSession"/> set up in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOvsdbSession(this IServiceCollection services, Action<OvsdbSessionSettings> configure) =>
        services.AddOvsdbSession(null, null, configure ?? throw new ArgumentNullException(nameof(configure)));

    /// <summary>
    /// Registers a hosted <see cref="OvsdbSession"/>: bound from <paramref name="configuration"/>, then
    /// <paramref name="configure"/>, validated at start, started with the host (waiting for the first connection only
    /// with <see cref="OvsdbSessionSettings.WaitForConnectionOnStart"/>) and disposed when it stops. The logger
    /// factory is the host's.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of a keyed session, or null for the unkeyed one.</param>
    /// <param name="configuration">The section to bind, or null.</param>
    /// <param name="configure">Sets the settings after binding, or null.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">A session with this key is already registered.</exception>
    public static IServiceCollection AddOvsdbSession(this IServiceCollection services, string? serviceKey, IConfiguration? configuration, Action<OvsdbSessionSettings>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (FindSession(services, serviceKey))
        {
            throw new InvalidOperationException($"An OVSDB session {Describe(serviceKey)} is already registered.");
        }

        string optionsName = OptionsName(serviceKey);
        OptionsBuilder<OvsdbSessionSettings> options = services.AddOptions<OvsdbSessionSettings>(optionsName);
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        string source = configuration is IConfigurationSection section ? $"configuration section '{section.Path}'" : "settings";
        services.AddSingleton<IValidateOptions<OvsdbSessionSettings>>(new SessionSettingsValidator(optionsName, $"OVSDB session {Describe(serviceKey)} ({source})"));
        options.ValidateOnStart();

        services.AddKeyedSingleton(serviceKey, (provider, _) =>
        {
            OvsdbSessionSettings settings = provider.GetRequiredService<IOptionsMonitor<OvsdbSessionSettings>>().Get(optionsName);
            return OvsdbSession.Create(settings.ToOptions(provider.GetService<ILoggerFactory>()));
        });
        services.AddSingleton<IHostedService>(provider => new OvsdbSessionHostedService(
            provider.GetRequiredKeyedService<OvsdbSession>(serviceKey),
            provider.GetRequiredService<IOptionsMonitor<OvsdbSessionSettings>>().Get(optionsName).WaitForConnectionOnStart));
        return services;
    }

    /// <summary>Registers a hosted replica over the unkeyed session, bound from a configuration section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section (<see cref="OvsdbReplicaSettings"/>).</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOvsdbReplica(this IServiceCollection services, IConfiguration configuration) =>
        services.AddOvsdbReplica(null, configuration, null);

    /// <summary>Registers a hosted replica over the unkeyed session, set up in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the settings.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddOvsdbReplica(this IServiceCollection services, Action<OvsdbReplicaSettings> configure) =>
        services.AddOvsdbReplica(null, null, configure ?? throw new ArgumentNullException(nameof(configure)));

    /// <summary>
    /// Registers an <see cref="OvsdbHostedReplica"/> over the session with the same key: bound from
    /// <paramref name="configuration"/>, then <paramref name="configure"/>, validated at start, loaded in the
    /// background once the host has started and disposed when it stops.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of the session (and of the replica), or null for the unkeyed one.</param>
    /// <param name="configuration">The section to bind, or null.</param>
    /// <param name="configure">Sets the settings after binding, or null.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">No session with this key is registered, or a replica already is.</exception>
    public static IServiceCollection AddOvsdbReplica(this IServiceCollection services, string? serviceKey, IConfiguration? configuration, Action<OvsdbReplicaSettings>? configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        string optionsName = OptionsName(serviceKey);
        OptionsBuilder<OvsdbReplicaSettings> options = services.AddOptions<OvsdbReplicaSettings>(optionsName);
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        string source = configuration is IConfigurationSection section ? $"configuration section '{section.Path}'" : "settings";
        services.AddSingleton<IValidateOptions<OvsdbReplicaSettings>>(new ReplicaSettingsValidator(optionsName, $"OVSDB replica {Describe(serviceKey)} ({source})"));
        options.ValidateOnStart();
        return services.AddReplica(serviceKey, provider =>
        {
            OvsdbReplicaSettings settings = provider.GetRequiredService<IOptionsMonitor<OvsdbReplicaSettings>>().Get(optionsName);
            OvsdbSession session = provider.GetRequiredKeyedService<OvsdbSession>(serviceKey);
            return settings.ToOptions(session.Options.Database, provider.GetService<ILoggerFactory>());
        });
    }

    /// <summary>
    /// Registers an <see cref="OvsdbHostedReplica"/> over the session with the same key, with options built in code
    /// (conditions, secondary indexes). The options' logger factory, when null, becomes the host's.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="serviceKey">The key of the session (and of the replica), or null for the unkeyed one.</param>
    /// <param name="options">Builds the options when the host starts.</param>
    /// <returns>The services.</returns>
    /// <exception cref="InvalidOperationException">No session with this key is registered, or a replica already is.</exception>
    public static IServiceCollection AddOvsdbReplica(this IServiceCollection services, string? serviceKey, Func<IServiceProvider, OvsdbReplicaOptions> options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        return services.AddReplica(serviceKey, provider =>
        {
            OvsdbReplicaOptions built = options(provider) ?? throw new InvalidOperationException($"The replica options factory {Describe(serviceKey)} returned null.");
            return built.LoggerFactory is not null ? built : new OvsdbReplicaOptions
            {
                Database = built.Database,
                Tables = built.Tables,
                Indexes = built.Indexes,
                MonitorMethod = built.MonitorMethod,
                LoggerFactory = provider.GetService<ILoggerFactory>(),
            };
        });
    }

    internal static string OptionsName(string? serviceKey) => serviceKey ?? Options.DefaultName;

    internal static string Describe(string? serviceKey) => serviceKey is null ? "(unkeyed)" : $"'{serviceKey}'";

    private static IServiceCollection AddReplica(this IServiceCollection services, string? serviceKey, Func<IServiceProvider, OvsdbReplicaOptions> options)
    {
        if (!FindSession(services, serviceKey))
        {
            throw new InvalidOperationException($"No OVSDB session {Describe(serviceKey)} is registered: call AddOvsdbSession with the same key before AddOvsdbReplica.");
        }

        if (services.Any(d => d.ServiceType == typeof(OvsdbHostedReplica) && d.IsKeyedService && Equals(d.ServiceKey, serviceKey)))
        {
            throw new InvalidOperationException($"An OVSDB replica {Describe(serviceKey)} is already registered.");
        }

        services.AddKeyedSingleton(serviceKey, (_, _) => new OvsdbHostedReplica(serviceKey));
        services.AddSingleton<IHostedService>(provider => new OvsdbReplicaHostedService(
            provider.GetRequiredKeyedService<OvsdbHostedReplica>(serviceKey),
            provider.GetRequiredKeyedService<OvsdbSession>(serviceKey),
            () => options(provider),
            (provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger("OvsNet.Hosting.OvsdbReplica")));
        return services;
    }

    private static bool FindSession(IServiceCollection services, string? serviceKey) =>
        services.Any(d => d.ServiceType == typeof(OvsdbSession) && (serviceKey is null ? !d.IsKeyedService || d.ServiceKey is null : d.IsKeyedService && Equals(d.ServiceKey, serviceKey)));

    private sealed class SessionSettingsValidator(string name, string what) : IValidateOptions<OvsdbSessionSettings>
    {
        public ValidateOptionsResult Validate(string? optionsName, OvsdbSessionSettings options)
        {
            if (optionsName != name)
            {
                return ValidateOptionsResult.Skip;
            }

            try
            {
                options.ToOptions(null).Validate();
                return ValidateOptionsResult.Success;
            }
            catch (ArgumentException ex)
            {
                return ValidateOptionsResult.Fail($"{what}: {ex.Message}");
            }
        }
    }

    private sealed class ReplicaSettingsValidator(string name, string what) : IValidateOptions<OvsdbReplicaSettings>
    {
        public ValidateOptionsResult Validate(string? optionsName, OvsdbReplicaSettings options)
        {
            if (optionsName != name)
            {
                return ValidateOptionsResult.Skip;
            }

            List<string> failures = [];
            if (options.Tables.Count == 0)
            {
                failures.Add($"{what}: Tables is empty; name at least one table to replicate.");
            }

            foreach ((string table, OvsdbReplicaTableSettings settings) in options.Tables)
            {
                if (!OvsdbNamedUuid.IsValidName(table))
                {
                    failures.Add($"{what}: Tables: '{table}' is not a valid table name.");
                }

                foreach (string column in settings.Columns.Where(c => !OvsdbNamedUuid.IsValidName(c)))
                {
                    failures.Add($"{what}: Tables:{table}:Columns: '{column}' is not a valid column name.");
                }
            }

            if (options.Database is not null && !OvsdbNamedUuid.IsValidName(options.Database))
            {
                failures.Add($"{what}: Database '{options.Database}' is not a valid database name.");
            }

            return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
        }
    }
}
