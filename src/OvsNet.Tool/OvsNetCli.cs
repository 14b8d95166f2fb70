using System.CommandLine;
using OvsNet.Hypervisor;
using OvsNet.Routing;

namespace OvsNet.Tool;

/// <summary>The <c>ovsnet</c> command line: global options, the <c>host</c> commands, the agent and the ovs-vsctl verbs.</summary>
internal static class OvsNetCli
{
    public static readonly Option<string> Db = new("--db")
    {
        Description = "The Open_vSwitch database: unix:PATH, tcp:HOST:PORT or ssl:HOST:PORT.",
        DefaultValueFactory = _ => ToolContext.DefaultDb,
        Recursive = true,
    };

    public static readonly Option<string?> Netns = new("--netns")
    {
        Description = "Run the routing side inside this network namespace (a name under /run/netns).",
        Recursive = true,
    };

    public static readonly Option<string> Vswitchd = new("--vswitchd")
    {
        Description = "ovs-vswitchd's control socket, its pidfile, or a daemon name (as ovs-appctl -t).",
        DefaultValueFactory = _ => "ovs-vswitchd",
        Recursive = true,
    };

    public static readonly Option<bool> Json = new("--json")
    {
        Description = "Machine output: the typed result as JSON on standard output.",
        Recursive = true,
    };

    public static readonly Option<string> Iproute2Dir = new("--iproute2-dir")
    {
        Description = "Where the routing table's name is registered (rt_tables.d).",
        DefaultValueFactory = _ => "/etc/iproute2",
        Recursive = true,
    };

    public static readonly Option<bool> TakeOver = new("--take-over-default-route")
    {
        Description = "Move the host's default route onto the management port (restored if the apply fails).",
        Recursive = true,
    };

    public static readonly Option<bool> Adopt = new("--adopt")
    {
        Description = "Adopt existing unmarked rows and routing entries that match the spec.",
        Recursive = true,
    };

    public static readonly Option<string> StateDir = new("--state-dir")
    {
        Description = "Where the applied spec and a pending --try are kept.",
        DefaultValueFactory = _ => TryCheckpoint.DefaultStateDirectory,
        Recursive = true,
    };

    /// <summary>Parses and runs a command line.</summary>
    /// <param name="args">The arguments.</param>
    /// <param name="output">Standard output.</param>
    /// <param name="error">Standard error.</param>
    /// <param name="cancellationToken">Stops the command (Ctrl+C).</param>
    /// <returns>The exit code (<see cref="ExitCodes"/>).</returns>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        RootCommand root = Build(output, error);
        ParseResult parse = root.Parse(args);
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken).ConfigureAwait(false);
    }

    internal static RootCommand Build(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("ovsnet: a hypervisor's host network (Open vSwitch and policy routing) from a spec file; exit codes: 0 done or nothing to do, 2 changes planned or made, 1 error.");
        foreach (Option option in new Option[] { Db, Netns, Vswitchd, Json, Iproute2Dir, TakeOver, Adopt, StateDir })
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(HostCommands.Build(output, error));
        root.Subcommands.Add(AgentCommand.Build(output, error));
        root.Subcommands.Add(SchemaCommand.Build(output));
        foreach (Command verb in VsctlCommands.Build(output, error))
        {
            root.Subcommands.Add(verb);
        }

        return root;
    }

    internal static ToolContext Context(ParseResult parse, TextWriter output, TextWriter error) => new()
    {
        Db = parse.GetValue(Db) ?? ToolContext.DefaultDb,
        NetworkNamespace = parse.GetValue(Netns),
        Vswitchd = parse.GetValue(Vswitchd) ?? "ovs-vswitchd",
        Json = parse.GetValue(Json),
        Iproute2Directory = parse.GetValue(Iproute2Dir) ?? "/etc/iproute2",
        TakeOverDefaultRoute = parse.GetValue(TakeOver),
        AdoptExisting = parse.GetValue(Adopt),
        StateDirectory = parse.GetValue(StateDir) ?? TryCheckpoint.DefaultStateDirectory,
        Out = output,
        Error = error,
    };

    /// <summary>Runs a command body, turning the library's refusals and failures into a message and exit code 1.</summary>
    internal static async Task<int> GuardAsync(ToolContext context, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await context.Error.WriteLineAsync("ovsnet: cancelled").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or OvsdbException or RoutingException or HostNetworkException
            or HostNetworkVerificationException or OvsUnixctlException or IOException or UnauthorizedAccessException)
        {
            if (context.Json)
            {
                await context.Out.WriteLineAsync(JsonOut.Write(w =>
                {
                    w.WriteStartObject();
                    w.WriteString("error", ex.Message);
                    w.WriteString("type", ex.GetType().Name);
                    w.WriteEndObject();
                })).ConfigureAwait(false);
            }

            await context.Error.WriteLineAsync($"ovsnet: error: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }
}
