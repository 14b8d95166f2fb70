using OvsNet.Protocol;

namespace OvsNet.IntegrationTests;

/// <summary>Builds the add-br transaction as ovs-vsctl does (one transaction), through the public API only.</summary>
public static class Rows
{
    public static OvsdbTransaction AddBridge(OvsdbClient client, string name)
    {
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        OvsdbNamedUuid iface = txn.Insert("Interface", new OvsdbRow([new("name", name), new("type", "internal")]));
        OvsdbNamedUuid port = txn.Insert("Port", new OvsdbRow([new("name", name), new("interfaces", OvsdbSet.Of(iface))]));
        OvsdbNamedUuid bridge = txn.Insert("Bridge", new OvsdbRow([new("name", name), new("ports", OvsdbSet.Of(port))]));
        txn.Mutate("Open_vSwitch", [], [new OvsdbMutation("bridges", Mutator.Insert, OvsdbSet.Of(bridge))]);
        txn.Comment($"OvsNet integration test: add-br {name}");
        return txn;
    }

    public static string UniqueName(string prefix) => $"{prefix}{Guid.NewGuid():N}"[..12];
}
