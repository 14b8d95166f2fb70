using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OvsNet.Hosting;
using OvsNet.Hypervisor;

namespace OvsNet.Tool;

/// <summary>
/// <c>ovsnet agent FILE</c>: keeps the host converged to the spec: the library's <see cref="HostNetworkReconciler"/> in
/// a .NET host that runs as a systemd service (<c>Type=notify</c>) and stops cleanly on SIGTERM.
/// </summary>
internal static class AgentCommand
{
    public static Command Build(TextWriter output, TextWriter error)
    {
        var interval = new Option<TimeSpan>("--interval") { Description = "Time between checks once converged (default 00:00:10).", DefaultValueFactory = _ => TimeSpan.FromSeconds(10) };
        var retry = new Option<TimeSpan>("--retry") { Description = "Time before a failed pass is retried (default 00:00:02).", DefaultValueFactory = _ => TimeSpan.FromSeconds(2) };
        var agent = new Command("agent", "Keep the host converged to a spec file: re-apply what drifted (a rule deleted by hand, an address removed, ovs-vswitchd restarted), logging each repair. Runs until stopped; as a systemd service with Type=notify.") { HostCommands.File(), interval, retry };
        agent.SetAction((parse, ct) => RunAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue<FileInfo>("file"), parse.GetValue(interval), parse.GetValue(retry), ct));
        return agent;
    }

    private static async Task<int> RunAsync(ToolContext context, FileInfo file, TimeSpan interval, TimeSpan retry, CancellationToken ct)
    {
        if (await HostCommands.LoadAsync(context, file).ConfigureAwait(false) is not { } spec)
        {
            return ExitCodes.Error;
        }

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss ";
        });
        builder.Services.AddSystemd();
        builder.Services.AddHostNetworkReconciler(_ => spec, configure: settings =>
        {
            settings.VswitchRemote = context.Db;
            settings.VswitchdControl = spec.ToOvsRoutes().Count > 0 ? context.Vswitchd : null;
            settings.NetworkNamespace = context.NetworkNamespace;
            settings.Interval = interval;
            settings.RetryDelay = retry;
            settings.Iproute2Directory = context.Iproute2Directory;
            settings.TakeOverDefaultRoute = context.TakeOverDefaultRoute;
            settings.AdoptExisting = context.AdoptExisting;
        });
        using IHost host = builder.Build();
        await context.Error.WriteLineAsync($"ovsnet agent: keeping {file.Name} applied to bridge {spec.Bridge.Name} (every {interval})").ConfigureAwait(false);
        try
        {
            await host.RunAsync(ct).ConfigureAwait(false);
        }
        catch (Microsoft.Extensions.Options.OptionsValidationException ex)
        {
            await context.Error.WriteLineAsync($"ovsnet: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }

        await context.Error.WriteLineAsync("ovsnet agent: stopped").ConfigureAwait(false);
        return ExitCodes.Ok;
    }
}
