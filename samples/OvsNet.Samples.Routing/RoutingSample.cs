using System.Globalization;
using System.Net;
using OvsNet.Routing;

namespace OvsNet.Samples.Routing;

/// <summary>
/// Applies (or with --remove, removes) the tunnel endpoint's policy routing inside a named network namespace and
/// prints the plan. Defaults are the hypervisor scenario (tunnel traffic on tep0 with its own default route): tep0 198.51.100.10/24, gateway 198.51.100.1, table 200
/// "tunnel", rule priority 1000. Foreign routes or rules in the way are refused unless --take-over is given; with
/// --iproute-dir the table name is registered there as a drop-in of its own. Exit codes: 0 done, 1 refused (conflict,
/// kernel refusal or failed verification; anything applied was rolled back), 2 bad arguments.
/// </summary>
public static class RoutingSample
{
    private const string Usage =
        "usage: OvsNet.Samples.Routing --netns NAME [--remove] [--dry-run] [--take-over] [--iproute-dir /etc/iproute2]\n"
        + "                              [--interface tep0] [--address 198.51.100.10/24] [--gateway 198.51.100.1] [--on-link]\n"
        + "                              [--table 200] [--table-name tunnel] [--priority 1000]";

    /// <summary>Runs the sample; <see cref="Console"/> is not used, so tests can capture the output.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        Dictionary<string, string> options;
        TunnelRoutingPolicy policy;
        try
        {
            options = Parse(args);
            policy = BuildPolicy(options);
            policy.Validate();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            await output.WriteLineAsync($"error: {ex.Message}\n{Usage}");
            return 2;
        }

        try
        {
            await using RtNetlinkClient client = await RtNetlinkClient.OpenAsync(new RtNetlinkClientOptions { NetworkNamespace = options["--netns"] }, ct);
            string? ipRouteDirectory = options.TryGetValue("--iproute-dir", out string? directory) ? directory : null;
            var engine = new RoutingEngine(client, new RoutingEngineOptions { IpRouteDirectory = ipRouteDirectory });

            // The tunnel policy as a desired state: address, default route in the table, source rule (and the name).
            RoutingState state = TunnelRoutingManager.ToRoutingState(policy) with
            {
                TableNames = ipRouteDirectory is null ? [] : [new RouteTableName(policy.TableId, policy.TableName)],
            };
            bool remove = options.ContainsKey("--remove");
            RoutingPlan plan = remove ? await engine.PlanRemovalAsync(state.Scope with { RulePriorities = null }, ct) : await engine.PlanAsync(state, ct);
            await output.WriteLineAsync($"{(remove ? "Removal" : "Apply")} plan in namespace {options["--netns"]}:");
            await output.WriteLineAsync(plan.ToString());
            if (!options.ContainsKey("--dry-run"))
            {
                await engine.ExecuteAsync(plan, ct);
                await output.WriteLineAsync(plan.IsEmpty ? "Nothing changed." : $"Done: {plan.Changes.Count} change(s).");
            }

            return 0;
        }
        catch (RoutingException ex)
        {
            await output.WriteLineAsync($"failed: {ex.Message}");
            return 1;
        }
        catch (InvalidOperationException ex)
        {
            await output.WriteLineAsync($"failed: {ex.Message}");
            return 1;
        }
    }

    private static Dictionary<string, string> Parse(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            if (name is "--remove" or "--dry-run" or "--take-over" or "--on-link")
            {
                options[name] = "";
            }
            else if (name is "--netns" or "--interface" or "--address" or "--gateway" or "--table" or "--table-name" or "--priority" or "--iproute-dir" && i + 1 < args.Length)
            {
                options[name] = args[++i];
            }
            else
            {
                throw new ArgumentException($"unknown or incomplete option '{name}'");
            }
        }

        return options.ContainsKey("--netns")
            ? options
            : throw new ArgumentException("--netns is required: the sample only changes routing inside a named network namespace");
    }

    private static TunnelRoutingPolicy BuildPolicy(Dictionary<string, string> options)
    {
        string Get(string name, string fallback) => options.TryGetValue(name, out string? value) ? value : fallback;
        string[] address = Get("--address", "198.51.100.10/24").Split('/');
        return new TunnelRoutingPolicy
        {
            InterfaceName = Get("--interface", "tep0"),
            Address = IPAddress.Parse(address[0]),
            PrefixLength = address.Length > 1 ? int.Parse(address[1], CultureInfo.InvariantCulture) : 32,
            Gateway = IPAddress.Parse(Get("--gateway", "198.51.100.1")),
            TableId = uint.Parse(Get("--table", "200"), CultureInfo.InvariantCulture),
            TableName = Get("--table-name", "tunnel"),
            RulePriority = uint.Parse(Get("--priority", "1000"), CultureInfo.InvariantCulture),
            GatewayOnLink = options.ContainsKey("--on-link"),
            ConflictPolicy = options.ContainsKey("--take-over") ? RoutingConflictPolicy.TakeOver : RoutingConflictPolicy.Refuse,
        };
    }
}
