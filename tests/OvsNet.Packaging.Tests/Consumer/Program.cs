// Uses the packed OvsNet packages as a user does. Arguments: the Open_vSwitch database endpoint and the Gadgets
// database endpoint (both private ovsdb-servers). Every result is printed as "key: value" for the test to check.
using System.Net;
using Consumer.Gadgets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OvsNet;
using OvsNet.Hosting;
using OvsNet.Hypervisor;
using OvsNet.Hypervisor.Rendering;
using OvsNet.Mapping;
using OvsNet.OpenTelemetry;
using OvsNet.Protocol;
using OvsNet.Routing;
using OvsNet.Routing.Rendering;
using OvsNet.Vswitch;

string vswitchEndpoint = args[0];
string gadgetsEndpoint = args[1];

// The protocol client and the generated models of this program's own schema.
await using (OvsdbClient client = await OvsdbClient.ConnectAsync(gadgetsEndpoint))
{
    IReadOnlyList<string> databases = await client.ListDatabasesAsync();
    Console.WriteLine($"databases: {string.Join(",", databases)}");

    OvsdbTransaction tx = client.CreateTransaction("Gadgets");
    OvsdbNamedUuid wheel = tx.Insert(Part.TableName, new Part { Name = "wheel" }.ToRow());
    var gadget = new Gadget
    {
        Name = "cart",
        Labels = new Dictionary<string, string> { ["owner"] = "ops" },
        Color = GadgetColor.Green,
        Note = null,
        Parts = new OvsdbModelSet<OvsdbRef<Part>>([new OvsdbRef<Part>(wheel)]),
    };
    tx.Insert(Gadget.TableName, gadget.ToRow());
    int select = tx.Select(Gadget.TableName, [OvsdbCondition.Equal("name", "cart")]);
    OvsdbTransactResult result = await tx.CommitAsync();
    Gadget read = Gadget.FromRow(result.Results[select]!.Rows![0]);
    Console.WriteLine($"gadget: {read.Name} color={GadgetColorMap.ToWire(read.Color)} labels={string.Join(",", read.Labels.Select(p => p.Key + "=" + p.Value))} note={read.Note ?? "none"} parts={read.Parts.Count}");
}

// The vswitch operations (no ovs-vswitchd runs here, so they do not wait for it).
await using (OvsVswitchClient vswitch = await OvsVswitchClient.ConnectAsync(vswitchEndpoint, new OvsVswitchOptions { WaitForVswitchd = false }))
{
    EnsureResult first = await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br-consumer" });
    EnsureResult second = await vswitch.EnsureBridgeAsync(new BridgeSpec { Name = "br-consumer" });
    Console.WriteLine($"bridge: changed={first.Changed} again={second.Changed}");
    Console.WriteLine($"bridges: {string.Join(",", (await vswitch.ListBridgesAsync()).Select(b => b.Name))}");
}

// The routing module: a tunnel routing policy rendered as persisted configuration (nothing is changed on the host).
var policy = new TunnelRoutingPolicy
{
    InterfaceName = "tep0",
    Address = IPAddress.Parse("198.51.100.10"),
    PrefixLength = 24,
    Gateway = IPAddress.Parse("198.51.100.1"),
    TableId = 200,
    TableName = "tunnel",
    RulePriority = 1000,
};
Console.WriteLine($"rt_tables: {RtTablesRenderer.Render(policy).Split('\n').Last(l => l.Length > 0 && !l.StartsWith('#'))}");

// The host spec, rendered.
var spec = new HostNetworkSpec
{
    Bridge = new HostBridgeSpec { Name = "br0", UplinkPort = "eth1" },
    Management = new ManagementPortSpec { Address = IPAddress.Parse("192.0.2.10"), PrefixLength = 24, Gateway = IPAddress.Parse("192.0.2.1") },
    TunnelEndpoint = new TunnelEndpointSpec { Address = IPAddress.Parse("198.51.100.10"), PrefixLength = 24, Gateway = IPAddress.Parse("198.51.100.1") },
    Tunnels = [new TunnelPeerSpec { Name = "gre0", RemoteAddress = IPAddress.Parse("198.51.101.10"), Key = 42, RemoteSubnet = IPNetwork.Parse("198.51.101.0/24") }],
};
Console.WriteLine($"host files: {string.Join(",", HostNetworkRenderer.Render(spec).Keys.Order(StringComparer.Ordinal))}");
// Hosting: a session and a replica as hosted services, with their health checks (started by hand: no host here).
var services = new ServiceCollection();
services.AddLogging();
services.AddOvsdbSession(settings => settings.Remotes = vswitchEndpoint);
services.AddOvsdbReplica(replica => replica.AddTable("Bridge", "name"));
services.AddHealthChecks().AddOvsdbSession().AddOvsdbReplica();
await using (ServiceProvider provider = services.BuildServiceProvider())
{
    IHostedService[] hosted = [.. provider.GetServices<IHostedService>()];
    foreach (IHostedService service in hosted)
    {
        await service.StartAsync(CancellationToken.None);
    }

    OvsNet.Replica.OvsdbReplica replica = await provider.GetRequiredService<OvsdbHostedReplica>().WaitAsync();
    HealthReport health = await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    Console.WriteLine($"hosted: bridges={string.Join(",", replica.Current.Table<Bridge>().All.Select(b => b.Name))} health={health.Status}");
    foreach (IHostedService service in hosted.Reverse())
    {
        await service.StopAsync(CancellationToken.None);
    }
}

Console.WriteLine($"telemetry sources: {string.Join(",", OvsNetOpenTelemetryExtensions.SourceNames)}");
Console.WriteLine("consumer: done");
