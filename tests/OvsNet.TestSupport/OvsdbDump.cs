using System.Text.Json;
using OvsNet.Protocol;
using OvsNet.Replica;
using Xunit;

namespace OvsNet.TestSupport;

/// <summary>
/// The independent witness: <c>ovsdb-client --format=json dump</c> of one table, parsed and normalized to the schema,
/// and the assertion that a replica's table equals it row by row and column by column.
/// </summary>
public static class OvsdbDump
{
    /// <summary>Dumps <paramref name="table"/> of <paramref name="database"/> from <paramref name="endpoint"/> (<c>_version</c> dropped).</summary>
    /// <param name="endpoint">Any remote ovsdb-client accepts (<c>unix:</c>, <c>tcp:</c>).</param>
    /// <param name="table">The table's schema (used to normalize the values).</param>
    /// <param name="database">The database.</param>
    /// <returns>The rows by uuid.</returns>
    public static async Task<Dictionary<OvsdbUuid, OvsdbRow>> DumpAsync(string endpoint, TableSchema table, string database = "Open_vSwitch")
    {
        string json = await ProcessRunner.RunCheckedAsync("ovsdb-client", ["--format=json", "dump", endpoint, database, table.Name]);
        using JsonDocument document = JsonDocument.Parse(json);
        string[] headings = [.. document.RootElement.GetProperty("headings").EnumerateArray().Select(h => h.GetString()!)];
        var rows = new Dictionary<OvsdbUuid, OvsdbRow>();
        foreach (JsonElement data in document.RootElement.GetProperty("data").EnumerateArray())
        {
            OvsdbUuid uuid = default;
            var columns = new List<KeyValuePair<string, OvsdbValue>>();
            int i = 0;
            foreach (JsonElement cell in data.EnumerateArray())
            {
                string name = headings[i++];
                OvsdbValue value = cell.Deserialize<OvsdbValue>();
                if (name == OvsdbRow.UuidColumn)
                {
                    uuid = value.AsAtom().AsUuid();
                }
                else if (name != OvsdbRow.VersionColumn)
                {
                    columns.Add(new(name, table.GetColumn(name).Type.Normalize(value)));
                }
            }

            rows.Add(uuid, new OvsdbRow(columns));
        }

        return rows;
    }

    /// <summary>Asserts that the snapshot's table equals the dump of <paramref name="endpoint"/>, row by row and column by column.</summary>
    /// <param name="endpoint">The server to dump.</param>
    /// <param name="snapshot">The replica's snapshot.</param>
    /// <param name="tableName">The table.</param>
    /// <returns>The number of rows compared.</returns>
    public static async Task<int> AssertReplicaEqualsDumpAsync(string endpoint, OvsdbReplicaSnapshot snapshot, string tableName)
    {
        OvsdbReplicaTable table = snapshot.GetTable(tableName);
        Dictionary<OvsdbUuid, OvsdbRow> dump = await DumpAsync(endpoint, table.Schema);
        Assert.True(dump.Count == table.Count, $"{tableName}: the dump of {endpoint} has {dump.Count} rows, the replica {table.Count}");
        foreach ((OvsdbUuid uuid, OvsdbRow expected) in dump)
        {
            Assert.True(table.TryGetRow(uuid, out OvsdbRow? actual), $"{tableName} {uuid} is missing from the replica");
            foreach ((string column, OvsdbValue value) in expected)
            {
                Assert.True(actual.TryGetValue(column, out OvsdbValue replicated), $"{tableName} {uuid} lacks column {column}");
                Assert.True(value.Equals(replicated), $"{tableName} {uuid} {column}: dump {value}, replica {replicated}");
            }

            Assert.Equal(expected.Count, actual.Count);
        }

        return dump.Count;
    }
}
