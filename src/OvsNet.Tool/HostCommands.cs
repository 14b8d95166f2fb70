using System.CommandLine;
using OvsNet.Hypervisor;
using OvsNet.Hypervisor.Rendering;
using OvsNet.Tool.Specs;

namespace OvsNet.Tool;

/// <summary><c>ovsnet host ...</c>: the host network from a spec file.</summary>
internal static class HostCommands
{
    private static readonly string[] Formats = ["ifupdown", "netplan", "networkd", "nm"];

    public static Command Build(TextWriter output, TextWriter error)
    {
        var host = new Command("host", "The host network from a spec file: validate, plan, apply (verified), verify, show, export, render, remove.");

        var validate = new Command("validate", "Check a spec file: every problem at once, with file, line and column. Touches nothing.") { File() };
        validate.SetAction((parse, ct) => ValidateAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue<FileInfo>("file")));
        host.Subcommands.Add(validate);

        var plan = new Command("plan", "Show what apply would change (OVS, routing, ovs-vswitchd's router) and what it would refuse. Writes nothing. Exit 2 when there are changes.") { File() };
        plan.SetAction((parse, ct) => PlanAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue<FileInfo>("file"), ct));
        host.Subcommands.Add(plan);

        var noVerify = new Option<bool>("--no-verify") { Description = "Skip the verification after the apply." };
        var trial = new Option<int?>("--try")
        {
            Description = "Apply on trial: unless 'ovsnet host confirm' runs within SECONDS (default 120), a watchdog that outlives this terminal puts the host back as it was.",
            Arity = ArgumentArity.ZeroOrOne,
            DefaultValueFactory = _ => null,
            CustomParser = result => result.Tokens.Count == 0 ? 120 : int.TryParse(result.Tokens[0].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int seconds) && seconds > 0 ? seconds : Fail(result),
        };
        var apply = new Command("apply", "Apply a spec file (rolled back if a step fails), then verify it: plan again (must be empty) and ask the kernel and ovs-vswitchd how they route each peer. Exit 2 when something changed.") { File(), noVerify, trial };
        apply.SetAction((parse, ct) =>
        {
            ToolContext context = OvsNetCli.Context(parse, output, error);
            FileInfo file = parse.GetRequiredValue<FileInfo>("file");
            return parse.GetValue(trial) is { } seconds
                ? TryAsync(context, file, TimeSpan.FromSeconds(seconds), !parse.GetValue(noVerify), ct)
                : ApplyFileAsync(context, file, !parse.GetValue(noVerify), ct, record: true);
        });
        host.Subcommands.Add(apply);

        var confirm = new Command("confirm", "Keep the change applied with --try: its revert is cancelled. Exit 1 when nothing is pending.");
        confirm.SetAction((parse, ct) => ConfirmAsync(OvsNetCli.Context(parse, output, error)));
        host.Subcommands.Add(confirm);

        var deadline = new Option<string>("--deadline") { Required = true };
        var watchdog = new Command("try-watchdog", "(internal) the revert watchdog of apply --try.") { deadline };
        watchdog.Hidden = true;
        watchdog.SetAction(async (parse, ct) =>
        {
            if (Environment.GetEnvironmentVariable("OVSNET_WATCHDOG_PIDFILE") is { Length: > 0 } pidFile)
            {
                await System.IO.File.WriteAllTextAsync(pidFile, Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), ct);
            }

            return await TryCheckpoint.WatchAsync(OvsNetCli.Context(parse, output, error), DateTimeOffset.Parse(parse.GetRequiredValue(deadline), System.Globalization.CultureInfo.InvariantCulture), ct);
        });
        host.Subcommands.Add(watchdog);

        var verify = new Command("verify", "Check that the host matches the spec and forwards as it says, by the kernel's and ovs-vswitchd's own answers. Changes nothing.") { File() };
        verify.SetAction((parse, ct) => VerifyAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue<FileInfo>("file"), ct));
        host.Subcommands.Add(verify);

        var show = new Command("show", "The live host: Open vSwitch (as ovs-vsctl show) and the policy routing (rules, routes of every table).");
        show.SetAction((parse, ct) => ShowAsync(OvsNetCli.Context(parse, output, error), ct));
        host.Subcommands.Add(show);

        var bridgeOption = new Option<string>("--bridge") { Description = "The bridge of the internal ports.", DefaultValueFactory = _ => "br0" };
        var integrationOption = new Option<string>("--integration-bridge") { Description = "The bridge of the tunnels.", DefaultValueFactory = _ => "br-int" };
        var exportOutput = new Option<FileInfo?>("--output") { Description = "Write the spec to this file instead of standard output." };
        var export = new Command("export", "Write the live host back as a spec file (that plan then finds nothing to do for).") { bridgeOption, integrationOption, exportOutput };
        export.SetAction((parse, ct) => ExportAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue(bridgeOption), parse.GetRequiredValue(integrationOption), parse.GetValue(exportOutput), ct));
        host.Subcommands.Add(export);

        var format = new Option<string>("--format") { Description = "ifupdown, netplan, networkd or nm.", Required = true };
        format.AcceptOnlyFromAmong(Formats);
        var outputDir = new Option<DirectoryInfo?>("--output") { Description = "Write the files under this directory instead of printing them." };
        var render = new Command("render", "Render a spec file as persisted configuration (and the rt_tables entry). Touches nothing on the host.") { File(), format, outputDir };
        render.SetAction((parse, ct) => RenderAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue<FileInfo>("file"), parse.GetRequiredValue(format), parse.GetValue(outputDir)));
        host.Subcommands.Add(render);

        var remove = new Command("remove", "Remove what a spec file set up (only what OvsNet owns). Exit 2 when something was removed.") { File() };
        remove.SetAction((parse, ct) => RemoveAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue<FileInfo>("file"), ct));
        host.Subcommands.Add(remove);
        return host;
    }

    internal static Argument<FileInfo> File() => new("file") { Description = "The host spec file (YAML or JSON)." };

    /// <summary>Loads a spec file; on problems prints them (or their JSON) and returns null.</summary>
    internal static async Task<HostNetworkSpec?> LoadAsync(ToolContext context, FileInfo file, bool reportValid = false)
    {
        SpecFile spec = SpecFile.Load(file.FullName);
        if (context.Json && (spec.Spec is null || reportValid))
        {
            await context.Out.WriteLineAsync(JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("valid", spec.Spec is not null);
                JsonOut.Diagnostics(w, spec.Diagnostics);
                w.WriteEndObject();
            })).ConfigureAwait(false);
        }

        foreach (SpecDiagnostic diagnostic in spec.Diagnostics)
        {
            await context.Error.WriteLineAsync(diagnostic.ToString()).ConfigureAwait(false);
        }

        return spec.Spec;
    }

    private static async Task<int> ValidateAsync(ToolContext context, FileInfo file)
    {
        HostNetworkSpec? spec = await LoadAsync(context, file, reportValid: true).ConfigureAwait(false);
        if (spec is null)
        {
            return ExitCodes.Error;
        }

        if (!context.Json)
        {
            await context.Out.WriteLineAsync($"{file.Name}: valid (bridge {spec.Bridge.Name}, {spec.Tunnels.Count} tunnel(s))").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }

    private static Task<int> PlanAsync(ToolContext context, FileInfo file, CancellationToken ct) => WithHostAsync(context, file, async (spec, session) =>
    {
        HostNetworkPlan plan = await session.Manager.PlanAsync(spec, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(context.Json
            ? JsonOut.Object(w => JsonOut.Plan(w, plan))
            : plan.ToString()).ConfigureAwait(false);
        return plan.IsEmpty ? ExitCodes.Ok : ExitCodes.Changes;
    }, ct);

    /// <summary>Loads the spec file and connects, then runs <paramref name="body"/>; problems and refusals become messages and exit code 1.</summary>
    private static Task<int> WithHostAsync(ToolContext context, FileInfo file, Func<HostNetworkSpec, HostSession, Task<int>> body, CancellationToken ct) => OvsNetCli.GuardAsync(context, async () =>
    {
        if (await LoadAsync(context, file).ConfigureAwait(false) is not { } spec)
        {
            return ExitCodes.Error;
        }

        await using HostSession session = await HostSession.OpenAsync(context, spec, ct).ConfigureAwait(false);
        return await body(spec, session).ConfigureAwait(false);
    });

    private static int Fail(System.CommandLine.Parsing.ArgumentResult result)
    {
        result.AddError($"--try takes a number of seconds greater than 0, not '{result.Tokens[0].Value}'.");
        return 0;
    }

    private static Task<int> TryAsync(ToolContext context, FileInfo file, TimeSpan timeout, bool verify, CancellationToken ct) => OvsNetCli.GuardAsync(context, async () =>
    {
        if (await LoadAsync(context, file).ConfigureAwait(false) is not { } spec)
        {
            return ExitCodes.Error;
        }

        // Refusals surface before the watchdog exists.
        await using (HostSession session = await HostSession.OpenAsync(context, spec, ct).ConfigureAwait(false))
        {
            await session.Manager.PlanAsync(spec, ct).ConfigureAwait(false);
        }

        int watchdog = TryCheckpoint.Begin(context, await System.IO.File.ReadAllTextAsync(file.FullName, ct), timeout);
        int exit;
        try
        {
            exit = await ApplyFileAsync(context, file, verify, ct, record: false).ConfigureAwait(false);
        }
        catch
        {
            TryCheckpoint.Cancel(context.StateDirectory);
            throw;
        }

        if (exit == ExitCodes.Error)
        {
            // The apply rolled itself back (or a verification failed): the watchdog reverts what is left at its deadline.
            await context.Error.WriteLineAsync($"the revert watchdog (pid {watchdog}) puts the host back in {timeout.TotalSeconds:0} s unless confirmed").ConfigureAwait(false);
            return exit;
        }

        await context.Error.WriteLineAsync($"on trial: run 'ovsnet host confirm' within {timeout.TotalSeconds:0} s to keep this, or the host is put back as it was (watchdog pid {watchdog})").ConfigureAwait(false);
        return exit;
    });

    private static async Task<int> ConfirmAsync(ToolContext context)
    {
        if (TryCheckpoint.Confirm(context.StateDirectory))
        {
            await context.Out.WriteLineAsync("confirmed: the change is kept").ConfigureAwait(false);
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync($"ovsnet: error: nothing is on trial (no {TryCheckpoint.PendingPath(context.StateDirectory)})").ConfigureAwait(false);
        return ExitCodes.Error;
    }

    /// <summary>Applies a spec file and verifies it; records it as the applied spec when <paramref name="record"/>.</summary>
    internal static Task<int> ApplyFileAsync(ToolContext context, FileInfo file, bool verify, CancellationToken ct, bool record = false) => WithHostAsync(context, file, async (spec, session) =>
    {
        if (!context.Json)
        {
            await context.Error.WriteLineAsync($"applying {file.Name} to bridge {spec.Bridge.Name}...").ConfigureAwait(false);
        }

        HostNetworkResult result = await session.Manager.ApplyAsync(spec, ct).ConfigureAwait(false);
        HostNetworkVerification? verification = null;
        if (verify)
        {
            if (!context.Json)
            {
                await context.Error.WriteLineAsync("verifying...").ConfigureAwait(false);
            }

            verification = await session.Manager.VerifyAsync(spec, ct).ConfigureAwait(false);
        }

        if (context.Json)
        {
            await context.Out.WriteLineAsync(JsonOut.Write(w =>
            {
                w.WriteStartObject();
                JsonOut.Result(w, result);
                if (verification is not null)
                {
                    w.WriteStartObject("verification");
                    JsonOut.Verification(w, verification);
                    w.WriteEndObject();
                }

                w.WriteEndObject();
            })).ConfigureAwait(false);
        }
        else
        {
            await context.Out.WriteLineAsync(result.Changed ? result.ToString() : "(nothing to do)").ConfigureAwait(false);
            if (verification is not null)
            {
                await WriteVerificationAsync(context, verification).ConfigureAwait(false);
            }
        }

        if (record)
        {
            try
            {
                TryCheckpoint.RecordApplied(context.StateDirectory, await System.IO.File.ReadAllTextAsync(file.FullName, ct));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"ovsnet: warning: applied, but not recorded in {context.StateDirectory} ({ex.Message}); a later --try cannot revert to it").ConfigureAwait(false);
            }
        }

        return result.Changed ? ExitCodes.Changes : ExitCodes.Ok;
    }, ct);

    private static Task<int> VerifyAsync(ToolContext context, FileInfo file, CancellationToken ct) => WithHostAsync(context, file, async (spec, session) =>
    {
        HostNetworkVerification verification = await session.Manager.VerifyAsync(spec, ct).ConfigureAwait(false);
        if (context.Json)
        {
            await context.Out.WriteLineAsync(JsonOut.Write(w =>
            {
                w.WriteStartObject();
                w.WriteBoolean("verified", true);
                JsonOut.Verification(w, verification);
                w.WriteEndObject();
            })).ConfigureAwait(false);
        }
        else
        {
            await WriteVerificationAsync(context, verification).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    }, ct);

    private static async Task WriteVerificationAsync(ToolContext context, HostNetworkVerification verification)
    {
        await context.Out.WriteLineAsync("verified: the plan is empty").ConfigureAwait(false);
        for (int i = 0; i < verification.Probes.Count && i < verification.Kernel.Count; i++)
        {
            Routing.RouteProbe probe = verification.Probes[i];
            Routing.RouteLookup answer = verification.Kernel[i];
            string from = probe.Source is { } source ? $" from {source}" : string.Empty;
            string via = answer.Gateway is { } gateway ? $"via {gateway} " : string.Empty;
            await context.Out.WriteLineAsync($"verified: kernel {probe.Destination}{from}: {via}dev {probe.ExpectedDevice} table {answer.Table}").ConfigureAwait(false);
        }

        foreach (OvsRouteLookup answer in verification.OvsRouter)
        {
            await context.Out.WriteLineAsync($"verified: ovs-vswitchd {answer}").ConfigureAwait(false);
        }
    }

    private static Task<int> ShowAsync(ToolContext context, CancellationToken ct) => OvsNetCli.GuardAsync(context, async () =>
    {
        await using Vswitch.OvsVswitchClient vswitch = await context.ConnectVswitchAsync(ct).ConfigureAwait(false);
        await using Routing.RtNetlinkClient netlink = await context.OpenNetlinkAsync(ct).ConfigureAwait(false);
        Vswitch.VswitchTree tree = await vswitch.ShowAsync(ct).ConfigureAwait(false);
        IReadOnlyList<Routing.RoutingRule> rules = await netlink.GetRulesAsync(cancellationToken: ct).ConfigureAwait(false);
        IReadOnlyList<Routing.Route> routes = await netlink.GetRoutesAsync(cancellationToken: ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync("== Open vSwitch").ConfigureAwait(false);
        await context.Out.WriteLineAsync(tree.ToString()).ConfigureAwait(false);
        await context.Out.WriteLineAsync("== rules").ConfigureAwait(false);
        foreach (Routing.RoutingRule rule in rules)
        {
            await context.Out.WriteLineAsync(rule.ToString()).ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync("== routes").ConfigureAwait(false);
        foreach (Routing.Route route in routes)
        {
            await context.Out.WriteLineAsync(route.ToString()).ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    });

    private static Task<int> ExportAsync(ToolContext context, string bridge, string integrationBridge, FileInfo? target, CancellationToken ct) => OvsNetCli.GuardAsync(context, async () =>
    {
        await using HostSession session = await HostSession.OpenAsync(context, null, ct).ConfigureAwait(false);
        HostNetworkSpec spec = await session.Manager.ExportAsync(bridge, integrationBridge, ct).ConfigureAwait(false);
        string text = SpecWriter.Write(spec, $"exported by ovsnet host export from bridge {bridge}");
        if (target is null)
        {
            await context.Out.WriteAsync(text).ConfigureAwait(false);
        }
        else
        {
            await System.IO.File.WriteAllTextAsync(target.FullName, text, ct).ConfigureAwait(false);
            await context.Error.WriteLineAsync($"written: {target.FullName}").ConfigureAwait(false);
        }

        return ExitCodes.Ok;
    });

    private static async Task<int> RenderAsync(ToolContext context, FileInfo file, string format, DirectoryInfo? outputDirectory)
    {
        if (await LoadAsync(context, file).ConfigureAwait(false) is not { } spec)
        {
            return ExitCodes.Error;
        }

        string prefix = format switch
        {
            "ifupdown" => "network/",
            "netplan" => "netplan/",
            "networkd" => "systemd/",
            _ => "NetworkManager/",
        };
        var files = HostNetworkRenderer.Render(spec)
            .Where(f => f.Key.StartsWith(prefix, StringComparison.Ordinal) || f.Key.StartsWith("iproute2/", StringComparison.Ordinal))
            .OrderBy(f => f.Key, StringComparer.Ordinal)
            .ToList();
        foreach ((string path, string content) in files)
        {
            if (outputDirectory is not null)
            {
                string target = Path.Combine(outputDirectory.FullName, path);
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                await System.IO.File.WriteAllTextAsync(target, content).ConfigureAwait(false);
                await context.Out.WriteLineAsync(target).ConfigureAwait(false);
            }
            else
            {
                await context.Out.WriteLineAsync($"# /etc/{path}").ConfigureAwait(false);
                await context.Out.WriteLineAsync(content.TrimEnd()).ConfigureAwait(false);
                await context.Out.WriteLineAsync().ConfigureAwait(false);
            }
        }

        return ExitCodes.Ok;
    }

    /// <summary>Removes what a spec file set up.</summary>
    internal static Task<int> RemoveFileAsync(ToolContext context, FileInfo file, CancellationToken ct) => RemoveAsync(context, file, ct);

    private static Task<int> RemoveAsync(ToolContext context, FileInfo file, CancellationToken ct) => WithHostAsync(context, file, async (spec, session) =>
    {
        HostNetworkResult result = await session.Manager.RemoveAsync(spec, ct).ConfigureAwait(false);
        await context.Out.WriteLineAsync(context.Json
            ? JsonOut.Object(w => JsonOut.Result(w, result))
            : result.Changed ? result.ToString() : "(nothing to do)").ConfigureAwait(false);
        return result.Changed ? ExitCodes.Changes : ExitCodes.Ok;
    }, ct);
}
