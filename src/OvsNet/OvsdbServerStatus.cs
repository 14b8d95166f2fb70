using System.Globalization;
using OvsNet.Protocol;

namespace OvsNet;

/// <summary>
/// What a server says about one of its databases in its <c>_Server.Database</c> row: the model (<c>standalone</c>,
/// <c>clustered</c>, <c>relay</c>), whether it is connected to its cluster and its leader, and its Raft index.
/// </summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbServerStatus
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbServerStatus"/> class.</summary>
    /// <param name="name">The database name.</param>
    /// <param name="model">The model: <c>standalone</c>, <c>clustered</c> or <c>relay</c>.</param>
    /// <param name="connected">Whether the server is connected to its cluster (always true when standalone).</param>
    /// <param name="leader">Whether the server is the cluster leader (always true when standalone).</param>
    /// <param name="hasSchema">Whether the server has the database's schema (false while a member has not joined).</param>
    /// <param name="index">The Raft log index, for clustered databases.</param>
    /// <param name="clusterId">The cluster id (<c>cid</c>), for clustered databases.</param>
    /// <param name="serverId">The server id (<c>sid</c>), for clustered databases.</param>
    public OvsdbServerStatus(string name, string model, bool connected, bool leader, bool hasSchema, long? index, OvsdbUuid? clusterId, OvsdbUuid? serverId)
    {
        this.Name = name;
        this.Model = model;
        this.Connected = connected;
        this.Leader = leader;
        this.HasSchema = hasSchema;
        this.Index = index;
        this.ClusterId = clusterId;
        this.ServerId = serverId;
    }

    /// <summary>Gets the database name.</summary>
    public string Name { get; }

    /// <summary>Gets the model: <c>standalone</c>, <c>clustered</c> or <c>relay</c>.</summary>
    public string Model { get; }

    /// <summary>Gets a value indicating whether the server is connected to its cluster.</summary>
    public bool Connected { get; }

    /// <summary>Gets a value indicating whether the server is the leader (relay servers never are).</summary>
    public bool Leader { get; }

    /// <summary>Gets a value indicating whether the server has the database's schema.</summary>
    public bool HasSchema { get; }

    /// <summary>Gets the Raft log index (monotonic within a cluster), or null for non-clustered databases.</summary>
    public long? Index { get; }

    /// <summary>Gets the cluster id, or null.</summary>
    public OvsdbUuid? ClusterId { get; }

    /// <summary>Gets the server id, or null.</summary>
    public OvsdbUuid? ServerId { get; }

    /// <summary>Gets a value indicating whether this is a relay server.</summary>
    public bool IsRelay => string.Equals(this.Model, "relay", StringComparison.Ordinal);

    /// <summary>
    /// Reads a <c>_Server.Database</c> row as sent in <c>update2</c> initial/insert rows, where columns equal to their
    /// default are omitted (<c>leader:false</c> is simply missing).
    /// </summary>
    /// <param name="row">The row (columns name, model, connected, leader, schema, cid, sid, index).</param>
    /// <returns>The status.</returns>
    public static OvsdbServerStatus FromRow(OvsdbRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new OvsdbServerStatus(
            Optional(row, "name")?.AsString() ?? string.Empty,
            Optional(row, "model")?.AsString() ?? "standalone",
            Optional(row, "connected")?.AsBoolean() ?? false,
            Optional(row, "leader")?.AsBoolean() ?? false,
            Optional(row, "schema") is { } schema && schema.AsString().Length > 0,
            Optional(row, "index")?.AsInteger(),
            Optional(row, "cid")?.AsUuid(),
            Optional(row, "sid")?.AsUuid());
    }

    /// <inheritdoc/>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{this.Name}: model={this.Model} connected={this.Connected} leader={this.Leader} schema={this.HasSchema} index={(this.Index?.ToString(CultureInfo.InvariantCulture) ?? "-")}");

    private static OvsdbAtom? Optional(OvsdbRow row, string column)
    {
        if (!row.TryGetValue(column, out OvsdbValue value))
        {
            return null;
        }

        if (value.TryGetAtom(out OvsdbAtom atom))
        {
            return atom;
        }

        OvsdbSet set = value.AsSet();
        return set.Count == 0 ? (OvsdbAtom?)null : set[0];
    }
}
