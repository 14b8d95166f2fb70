using OvsNet.Protocol;

namespace OvsNet.Vswitch;

/// <summary>
/// Waits until ovs-vswitchd has applied a configuration (<c>Open_vSwitch.cur_cfg</c> reaches the <c>next_cfg</c> a
/// change set), through a monitor on <c>cur_cfg</c> and the interfaces' <c>name</c>, <c>error</c> and <c>ofport</c>,
/// then reports the given interfaces that failed. This is <c>ovs-vsctl --wait</c>.
/// </summary>
internal static class VswitchdWaiter
{
    private static readonly string[] InterfaceColumns = [Interface.Columns.Name.Name, Interface.Columns.Error.Name, Interface.Columns.Ofport.Name];
    private static readonly string[] RootColumns = [OpenVSwitch.Columns.CurCfg.Name];

    public static async Task<IReadOnlyList<InterfaceFailure>> WaitAsync(
        OvsdbClient client, DatabaseSchema schema, string database, long target, IReadOnlyCollection<string> interfaces, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var requests = new Dictionary<string, IReadOnlyList<MonitorRequest>>(StringComparer.Ordinal)
        {
            [OpenVSwitch.TableName] = [new MonitorRequest { Columns = RootColumns }],
            [Interface.TableName] = [new MonitorRequest { Columns = InterfaceColumns }],
        };
        var rows = new Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>>(StringComparer.Ordinal)
        {
            [OpenVSwitch.TableName] = [],
            [Interface.TableName] = [],
        };

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            // Started after the commit: cur_cfg only grows, so the initial rows or a later update must show the target.
            OvsdbConditionalMonitor monitor = await client.MonitorCondAsync(database, requests, deadline.Token).ConfigureAwait(false);
            await using (monitor.ConfigureAwait(false))
            {
                Apply(schema, rows, monitor.Initial);
                if (!Reached(rows, target))
                {
                    await foreach (OvsdbMonitorUpdate update in monitor.ReadUpdatesAsync(deadline.Token).ConfigureAwait(false))
                    {
                        Apply(schema, rows, update.Updates);
                        if (Reached(rows, target))
                        {
                            break;
                        }
                    }
                }

                if (!Reached(rows, target))
                {
                    throw new OvsdbConnectionException($"The monitor ended before ovs-vswitchd applied configuration {target}.");
                }
            }
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            long current = rows[OpenVSwitch.TableName].Values.Select(r => OpenVSwitch.FromRow(r).CurCfg).FirstOrDefault();
            throw new OvsdbTimeoutException(
                "wait for ovs-vswitchd",
                timeout,
                $"ovs-vswitchd did not apply configuration {target} within {timeout} (cur_cfg is {current}); the change itself was committed. "
                + "Is ovs-vswitchd running? For a database without it, set OvsVswitchOptions.WaitForVswitchd to false.", ex);
        }

        var failures = new List<InterfaceFailure>();
        Interface[] status = [.. rows[Interface.TableName].Values.Select(Interface.FromRow)];
        foreach (string name in interfaces)
        {
            if (status.FirstOrDefault(i => i.Name == name) is not { } iface)
            {
                continue;
            }

            if (!string.IsNullOrEmpty(iface.Error) || iface.Ofport == -1)
            {
                failures.Add(new InterfaceFailure(name, string.IsNullOrEmpty(iface.Error) ? "ofport is -1 (ovs-vswitchd could not add it)" : iface.Error, iface.Ofport));
            }
        }

        return failures;
    }

    private static bool Reached(Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>> rows, long target)
        => rows[OpenVSwitch.TableName].Values.Any(r => OpenVSwitch.FromRow(r).CurCfg >= target);

    private static void Apply(DatabaseSchema schema, Dictionary<string, Dictionary<OvsdbUuid, OvsdbRow>> rows, TableUpdates2 updates)
    {
        foreach ((string table, TableUpdate2 tableUpdate) in updates)
        {
            if (!rows.TryGetValue(table, out Dictionary<OvsdbUuid, OvsdbRow>? cache))
            {
                continue;
            }

            IReadOnlyCollection<string> columns = table == Interface.TableName ? InterfaceColumns : RootColumns;
            foreach ((OvsdbUuid uuid, RowUpdate2 update) in tableUpdate)
            {
                OvsdbRow? next = Update2Applier.Apply(schema.GetTable(table), cache.GetValueOrDefault(uuid), update, columns);
                if (next is null)
                {
                    cache.Remove(uuid);
                }
                else
                {
                    cache[uuid] = next;
                }
            }
        }
    }
}
