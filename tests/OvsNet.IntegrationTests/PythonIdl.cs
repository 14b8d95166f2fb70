using OvsNet.TestSupport;

namespace OvsNet.IntegrationTests;

/// <summary>The official Open vSwitch Python IDL (python3-openvswitch), used as an independent witness.</summary>
public static class PythonIdl
{
    private const string ListBridges = """
        import sys, time
        import ovs.db.idl, ovs.poller
        remote, schema = sys.argv[1], sys.argv[2]
        helper = ovs.db.idl.SchemaHelper(schema)
        helper.register_columns("Bridge", ["name"])
        idl = ovs.db.idl.Idl(remote, helper)
        deadline = time.time() + 10
        while True:
            idl.run()
            if idl.has_ever_connected() and idl.change_seqno > 0:
                break
            if time.time() > deadline:
                sys.exit("the IDL did not sync within 10 s")
            poller = ovs.poller.Poller()
            idl.wait(poller)
            poller.timer_wait(100)
            poller.block()
        print("\n".join(sorted(row.name for row in idl.tables["Bridge"].rows.values())))
        idl.close()
        """;

    /// <summary>Lists bridge names as the Python IDL sees them (one per line).</summary>
    public static Task<string> ListBridgesAsync(string remote)
        => ProcessRunner.RunCheckedAsync("/usr/bin/python3", ["-c", ListBridges, remote, OvsdbServerProcess.VswitchSchemaPath]);

    /// <summary>Inserts a bridge (with its port and internal interface) through the Python IDL, in one transaction.</summary>
    public static Task AddBridgeAsync(string remote, string name)
        => ProcessRunner.RunCheckedAsync("/usr/bin/python3", ["-c", AddBridge, remote, OvsdbServerProcess.VswitchSchemaPath, name]);

    private const string AddBridge = """
        import sys, time
        import ovs.db.idl, ovs.poller
        remote, schema, name = sys.argv[1], sys.argv[2], sys.argv[3]
        helper = ovs.db.idl.SchemaHelper(schema)
        helper.register_all()
        idl = ovs.db.idl.Idl(remote, helper)
        deadline = time.time() + 10
        while not (idl.has_ever_connected() and idl.change_seqno > 0):
            idl.run()
            if time.time() > deadline:
                sys.exit("the IDL did not sync within 10 s")
            poller = ovs.poller.Poller(); idl.wait(poller); poller.timer_wait(100); poller.block()
        txn = ovs.db.idl.Transaction(idl)
        iface = txn.insert(idl.tables["Interface"]); iface.name = name; iface.type = "internal"
        port = txn.insert(idl.tables["Port"]); port.name = name; port.interfaces = [iface]
        br = txn.insert(idl.tables["Bridge"]); br.name = name; br.ports = [port]
        ovs_row = next(iter(idl.tables["Open_vSwitch"].rows.values()))
        ovs_row.addvalue("bridges", br)
        while True:
            status = txn.commit()
            if status not in (ovs.db.idl.Transaction.INCOMPLETE, ovs.db.idl.Transaction.UNCOMMITTED):
                break
            idl.run(); poller = ovs.poller.Poller(); idl.wait(poller); txn.wait(poller); poller.block()
        if status != ovs.db.idl.Transaction.SUCCESS:
            sys.exit("commit failed: " + status + " " + str(txn.get_error()))
        idl.close()
        """;
}
