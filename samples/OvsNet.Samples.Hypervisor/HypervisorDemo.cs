using OvsNet.Client;
using OvsNet.Protocol;
using OvsNet.Transactions;

namespace OvsNet.Samples.Hypervisor;

/// <summary>
/// The main demo: starts a private ovsdb-server, connects with OvsNet, creates bridge <c>br0</c> with the internal
/// ports <c>mgmt0</c> (management) and <c>tep0</c> (tunnel endpoint) in one transaction, and shows the result, with
/// <c>ovs-vsctl show</c> as an independent witness.
/// </summary>
public static class HypervisorDemo
{
    private const string Db = "Open_vSwitch";

    /// <summary>Runs the demo; returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        string schema = args.Length > 0 ? args[0] : "/usr/share/openvswitch/vswitch.ovsschema";

        await using PrivateOvsdbServer server = await PrivateOvsdbServer.StartAsync(schema, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"started a private ovsdb-server (pid {server.Pid}) at {server.Endpoint}").ConfigureAwait(false);

        await using OvsdbClient client = await OvsdbClient.ConnectAsync(server.Endpoint, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"connected; databases: {string.Join(", ", await client.ListDatabasesAsync(cancellationToken).ConfigureAwait(false))}").ConfigureAwait(false);

        OvsdbUuid root = await EnsureRootAsync(client, cancellationToken).ConfigureAwait(false);
        bool created = await EnsureBridgeAsync(client, root, "br0", ["mgmt0", "tep0"], cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(created ? "created br0 with internal ports mgmt0 and tep0 (one transaction)" : "br0 already present: nothing to do").ConfigureAwait(false);
        bool again = await EnsureBridgeAsync(client, root, "br0", ["mgmt0", "tep0"], cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(again ? "second run created it again (unexpected)" : "second run: nothing to do (idempotent)").ConfigureAwait(false);

        await output.WriteLineAsync("OvsNet's view:").ConfigureAwait(false);
        await PrintTreeAsync(client, output, cancellationToken).ConfigureAwait(false);

        await output.WriteLineAsync("ovs-vsctl show (independent witness):").ConfigureAwait(false);
        string shown = await PrivateOvsdbServer.RunAsync("ovs-vsctl", ["--db=" + server.Endpoint, "--no-wait", "show"], cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(shown).ConfigureAwait(false);

        bool ok = created && !again && shown.Contains("Bridge br0", StringComparison.Ordinal)
            && shown.Contains("Interface mgmt0", StringComparison.Ordinal) && shown.Contains("Interface tep0", StringComparison.Ordinal);
        await output.WriteLineAsync(ok ? "demo passed" : "demo FAILED").ConfigureAwait(false);
        return ok ? 0 : 1;
    }

    /// <summary>Returns the Open_vSwitch root row, inserting it on a fresh database (what <c>ovs-vsctl init</c> does).</summary>
    private static async Task<OvsdbUuid> EnsureRootAsync(OvsdbClient client, CancellationToken cancellationToken)
    {
        OvsdbTransaction tx = client.CreateTransaction(Db);
        int select = tx.Select("Open_vSwitch", [], ["_uuid"]);
        OvsdbTransactResult result = await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<OvsdbRow> rows = result.Results[select]!.Rows!;
        if (rows.Count > 0)
        {
            return rows[0].TryGetUuid()!.Value;
        }

        // Guard against a concurrent init: the table must still be empty when the insert commits.
        OvsdbTransaction init = client.CreateTransaction(Db);
        init.Wait("Open_vSwitch", [], [], WaitUntil.Equal, TimeSpan.Zero);
        init.Insert("Open_vSwitch", OvsdbRow.Empty);
        OvsdbTransactResult inserted = await init.CommitAsync(cancellationToken).ConfigureAwait(false);
        return inserted.Results[1]!.Uuid!.Value;
    }

    /// <summary>Creates the bridge with its internal ports in one transaction unless it exists; returns whether it created it.</summary>
    private static async Task<bool> EnsureBridgeAsync(OvsdbClient client, OvsdbUuid root, string bridge, IReadOnlyList<string> internalPorts, CancellationToken cancellationToken)
    {
        OvsdbTransaction probe = client.CreateTransaction(Db);
        int select = probe.Select("Bridge", [OvsdbCondition.Equal("name", bridge)], ["_uuid"]);
        OvsdbTransactResult found = await probe.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (found.Results[select]!.Rows!.Count > 0)
        {
            return false;
        }

        OvsdbTransaction tx = client.CreateTransaction(Db);

        // The bridge must still be absent when this commits (another writer may have created it since the probe).
        // Operations see the effects of earlier ones in the same transaction, so this check comes first.
        tx.Wait("Bridge", [OvsdbCondition.Equal("name", bridge)], [], WaitUntil.Equal, TimeSpan.Zero);

        // The bridge's own internal port (named like the bridge) plus the requested internal ports, as ovs-vsctl add-br does.
        var ports = new List<OvsdbAtom>();
        foreach (string name in internalPorts.Prepend(bridge))
        {
            OvsdbNamedUuid iface = tx.Insert("Interface", Row(("name", name), ("type", "internal")));
            OvsdbNamedUuid port = tx.Insert("Port", Row(("name", name), ("interfaces", iface)));
            ports.Add(port);
        }

        OvsdbNamedUuid br = tx.Insert("Bridge", Row(("name", bridge), ("ports", new OvsdbSet(ports))));

        tx.Mutate("Open_vSwitch", [OvsdbCondition.UuidIs(root)], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(br))]);
        tx.Comment($"OvsNet demo: add-br {bridge} with internal ports {string.Join(", ", internalPorts)}");
        await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task PrintTreeAsync(OvsdbClient client, TextWriter output, CancellationToken cancellationToken)
    {
        OvsdbTransaction tx = client.CreateTransaction(Db);
        int b = tx.Select("Bridge", [], ["name", "ports"]);
        int p = tx.Select("Port", [], ["_uuid", "name", "interfaces"]);
        int i = tx.Select("Interface", [], ["_uuid", "name", "type"]);
        OvsdbTransactResult r = await tx.CommitAsync(cancellationToken).ConfigureAwait(false);
        Dictionary<OvsdbUuid, OvsdbRow> ports = r.Results[p]!.Rows!.ToDictionary(row => row.TryGetUuid()!.Value);
        Dictionary<OvsdbUuid, OvsdbRow> ifaces = r.Results[i]!.Rows!.ToDictionary(row => row.TryGetUuid()!.Value);
        foreach (OvsdbRow bridge in r.Results[b]!.Rows!)
        {
            await output.WriteLineAsync($"  bridge {bridge["name"].AsAtom().AsString()}").ConfigureAwait(false);
            foreach (OvsdbAtom portRef in bridge["ports"].AsSet().OrderBy(a => a.AsUuid().ToString(), StringComparer.Ordinal))
            {
                OvsdbRow port = ports[portRef.AsUuid()];
                await output.WriteLineAsync($"    port {port["name"].AsAtom().AsString()}").ConfigureAwait(false);
                foreach (OvsdbAtom ifRef in port["interfaces"].AsSet())
                {
                    OvsdbRow iface = ifaces[ifRef.AsUuid()];
                    await output.WriteLineAsync($"      interface {iface["name"].AsAtom().AsString()} type={iface["type"].AsAtom().AsString()}").ConfigureAwait(false);
                }
            }
        }
    }

    private static OvsdbRow Row(params (string Column, OvsdbValue Value)[] columns)
        => new(columns.Select(c => new KeyValuePair<string, OvsdbValue>(c.Column, c.Value)));
}
