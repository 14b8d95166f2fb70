using System.CommandLine;
using System.Net;
using OvsNet.Protocol;
using OvsNet.Replica;
using OvsNet.Vswitch;

namespace OvsNet.Tool;

/// <summary>The ovs-vsctl verbs people know, over the library's typed, idempotent operations (each is one transaction).</summary>
internal static class VsctlCommands
{
    public static IEnumerable<Command> Build(TextWriter output, TextWriter error)
    {
        var show = new Command("show", "The Open vSwitch configuration, as ovs-vsctl show prints it.");
        show.SetAction((parse, ct) => Run(parse, output, error, async (context, vswitch) =>
        {
            await context.Out.WriteLineAsync((await vswitch.ShowAsync(ct).ConfigureAwait(false)).ToString()).ConfigureAwait(false);
            return ExitCodes.Ok;
        }));
        yield return show;

        var listBr = new Command("list-br", "The bridges, one per line.");
        listBr.SetAction((parse, ct) => Run(parse, output, error, async (context, vswitch) =>
        {
            foreach (VswitchBridge bridge in (await vswitch.ListBridgesAsync(ct).ConfigureAwait(false)).OrderBy(b => b.Name, StringComparer.Ordinal))
            {
                await context.Out.WriteLineAsync(bridge.Name).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        }));
        yield return listBr;

        var bridgeArg = new Argument<string>("bridge") { Description = "The bridge." };
        var datapath = new Option<string?>("--datapath") { Description = "system (kernel) or netdev (userspace)." };
        datapath.AcceptOnlyFromAmong("system", "netdev");
        var addBr = new Command("add-br", "Create a bridge (nothing happens if it exists as asked). Exit 2 when created.") { bridgeArg, datapath };
        addBr.SetAction((parse, ct) => Run(parse, output, error, (context, vswitch) => Ensure(context, vswitch.EnsureBridgeAsync(
            new BridgeSpec { Name = parse.GetRequiredValue(bridgeArg), DatapathType = parse.GetValue(datapath) ?? string.Empty }, ct))));
        yield return addBr;

        var delBr = new Command("del-br", "Delete a bridge and its ports. Exit 2 when deleted.") { bridgeArg };
        delBr.SetAction((parse, ct) => Run(parse, output, error, (context, vswitch) => Ensure(context, vswitch.RemoveBridgeAsync(parse.GetRequiredValue(bridgeArg), ct))));
        yield return delBr;

        var portArg = new Argument<string>("port") { Description = "The port (and interface) name." };
        var internalOption = new Option<bool>("--internal") { Description = "An internal port (a kernel device ovs-vswitchd creates)." };
        var tag = new Option<int?>("--tag") { Description = "VLAN tag (access port), 1-4094." };
        var addPort = new Command("add-port", "Add a port to a bridge (a system device, or --internal). Exit 2 when added.") { bridgeArg, portArg, internalOption, tag };
        addPort.SetAction((parse, ct) => Run(parse, output, error, (context, vswitch) =>
        {
            string port = parse.GetRequiredValue(portArg);
            var spec = new PortSpec
            {
                Name = port,
                Interfaces = [parse.GetValue(internalOption) ? InterfaceSpec.Internal(port) : InterfaceSpec.System(port)],
                Tag = parse.GetValue(tag),
            };
            return Ensure(context, vswitch.EnsurePortAsync(parse.GetRequiredValue(bridgeArg), spec, ct));
        }));
        yield return addPort;

        var type = new Option<string>("--type") { Description = "gre, vxlan or geneve.", DefaultValueFactory = _ => "gre" };
        type.AcceptOnlyFromAmong("gre", "vxlan", "geneve");
        var remote = new Option<string>("--remote") { Description = "The peer's tunnel endpoint address.", Required = true };
        var local = new Option<string?>("--local") { Description = "This host's tunnel endpoint address (options:local_ip)." };
        var key = new Option<ulong?>("--key") { Description = "The tunnel key (GRE key, VNI)." };
        var addTunnel = new Command("add-tunnel", "Add a GRE, VXLAN or Geneve tunnel port. Exit 2 when added.") { bridgeArg, portArg, type, remote, local, key };
        addTunnel.SetAction((parse, ct) => Run(parse, output, error, (context, vswitch) =>
        {
            string port = parse.GetRequiredValue(portArg);
            IPAddress remoteIp = ParseAddress(parse.GetRequiredValue(remote), "--remote");
            IPAddress? localIp = parse.GetValue(local) is { } l ? ParseAddress(l, "--local") : null;
            ulong? tunnelKey = parse.GetValue(key);
            InterfaceSpec tunnel = parse.GetValue(type) switch
            {
                "vxlan" => InterfaceSpec.Vxlan(port, remoteIp, localIp, tunnelKey),
                "geneve" => InterfaceSpec.Geneve(port, remoteIp, localIp, tunnelKey),
                _ => InterfaceSpec.Gre(port, remoteIp, localIp, tunnelKey),
            };
            return Ensure(context, vswitch.EnsurePortAsync(parse.GetRequiredValue(bridgeArg), tunnel, ct));
        }));
        yield return addTunnel;

        var delPort = new Command("del-port", "Delete a port from a bridge. Exit 2 when deleted.") { bridgeArg, portArg };
        delPort.SetAction((parse, ct) => Run(parse, output, error, (context, vswitch) => Ensure(context, vswitch.RemovePortAsync(parse.GetRequiredValue(bridgeArg), parse.GetRequiredValue(portArg), ct))));
        yield return delPort;

        var tableArg = new Argument<string>("table") { Description = "The Open_vSwitch table, for example Interface." };
        var columns = new Option<string[]>("--columns") { Description = "The columns to show (default: all).", AllowMultipleArgumentsPerToken = true };
        var count = new Option<int?>("--count") { Description = "Stop after this many changes." };
        var monitor = new Command("monitor", "Print the rows of a table, then every change as it happens, until Ctrl+C (or --count).") { tableArg, columns, count };
        monitor.SetAction((parse, ct) => MonitorAsync(OvsNetCli.Context(parse, output, error), parse.GetRequiredValue(tableArg), parse.GetValue(columns), parse.GetValue(count), ct));
        yield return monitor;
    }

    private static IPAddress ParseAddress(string text, string option) =>
        IPAddress.TryParse(text, out IPAddress? address) ? address : throw new ArgumentException($"{option} '{text}' is not an IP address.");

    private static Task<int> Run(ParseResult parse, TextWriter output, TextWriter error, Func<ToolContext, OvsVswitchClient, Task<int>> body)
    {
        ToolContext context = OvsNetCli.Context(parse, output, error);
        return OvsNetCli.GuardAsync(context, async () =>
        {
            // No wait for ovs-vswitchd, like ovs-vsctl --no-wait: the verbs edit the database.
            await using OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(
                new OvsdbClientOptions { Endpoint = context.Db },
                new OvsVswitchOptions { WaitForVswitchd = false }).ConfigureAwait(false);
            return await body(context, vswitch).ConfigureAwait(false);
        });
    }

    private static async Task<int> Ensure(ToolContext context, Task<EnsureResult> operation)
    {
        EnsureResult result = await operation.ConfigureAwait(false);
        foreach (VswitchChange change in result.Changes)
        {
            await context.Out.WriteLineAsync(change.ToString()).ConfigureAwait(false);
        }

        return result.Changed ? ExitCodes.Changes : ExitCodes.Ok;
    }

    private static Task<int> MonitorAsync(ToolContext context, string table, string[]? columns, int? count, CancellationToken ct) => OvsNetCli.GuardAsync(context, async () =>
    {
        await using OvsdbClient client = await OvsdbClient.ConnectAsync(context.Db, ct).ConfigureAwait(false);
        await using OvsdbReplica replica = await OvsdbReplica.StartAsync(client, new OvsdbReplicaOptions
        {
            Tables = [new OvsdbReplicaTableOptions(table) { Columns = columns is { Length: > 0 } ? columns : null }],
        }, ct).ConfigureAwait(false);
        using OvsdbReplicaSubscription subscription = replica.Subscribe();
        foreach ((OvsdbUuid uuid, OvsdbRow row) in subscription.Snapshot.GetTable(table).Rows)
        {
            await context.Out.WriteLineAsync($"row {uuid} {Format(row, null)}").ConfigureAwait(false);
        }

        await context.Out.WriteLineAsync($"watching {table}").ConfigureAwait(false);
        int seen = 0;
        try
        {
            await foreach (OvsdbReplicaChange change in subscription.ReadChangesAsync(ct).ConfigureAwait(false))
            {
                string text = change.Kind switch
                {
                    OvsdbReplicaChangeKind.Insert => $"insert {change.Uuid} {Format(change.NewRow!, null)}",
                    OvsdbReplicaChangeKind.Delete => $"delete {change.Uuid}",
                    _ => $"update {change.Uuid} {Format(change.NewRow!, change.Changed)}",
                };
                await context.Out.WriteLineAsync(text).ConfigureAwait(false);
                if (count is { } limit && ++seen >= limit)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }

        return ExitCodes.Ok;
    });

    private static string Format(OvsdbRow row, Func<string, bool>? changed) =>
        string.Join(" ", row.Where(c => c.Key is not "_uuid" and not "_version" && (changed is null || changed(c.Key))).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}"));
}
