using System.Globalization;
using OvsNet.Protocol;

namespace OvsNet.Cluster.Tests;

/// <summary>
/// Test rows in the root table QoS (no index, so duplicates are possible and "exactly once" means something):
/// <c>type=linux-htb, external_ids:{run=RUN, seq=N}</c>.
/// </summary>
internal static class QosRows
{
    public static OvsdbRow Row(string run, int seq) => new([
        new("type", "linux-htb"),
        new("external_ids", OvsdbMap.FromStrings([new("run", run), new("seq", seq.ToString(CultureInfo.InvariantCulture))])),
    ]);

    public static async Task InsertAsync(OvsdbClient client, string run, int seq, CancellationToken cancellationToken)
    {
        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        txn.Insert("QoS", Row(run, seq));
        await txn.CommitAsync(cancellationToken);
    }

    /// <summary>Returns the seq of every row of <paramref name="run"/> (with duplicates).</summary>
    public static async Task<IReadOnlyList<int>> SelectAsync(OvsdbClient client, string run, CancellationToken cancellationToken, int? seq = null)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("run", run) };
        if (seq is int one)
        {
            pairs.Add(new("seq", one.ToString(CultureInfo.InvariantCulture)));
        }

        OvsdbTransaction txn = client.CreateTransaction("Open_vSwitch");
        int index = txn.Select("QoS", [OvsdbCondition.Includes("external_ids", OvsdbMap.FromStrings(pairs))], ["external_ids"]);
        OvsdbTransactResult result = await txn.CommitAsync(cancellationToken);
        return [.. result.Results[index]!.Rows!.Select(SeqOf)];
    }

    public static int SeqOf(OvsdbRow row)
    {
        foreach (KeyValuePair<OvsdbAtom, OvsdbAtom> pair in row["external_ids"].AsMap())
        {
            if (pair.Key.AsString() == "seq")
            {
                return int.Parse(pair.Value.AsString(), CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException("a row without seq: " + row);
    }
}
