using System.Diagnostics.CodeAnalysis;
using OvsNet.Mapping;
using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>
/// A consistent version of a replica's tables: the state after a whole number of update messages, never part of one.
/// The replica publishes a new snapshot per update (an atomic reference swap); keep a snapshot to make several reads
/// agree with each other.
/// </summary>
/// <remarks>Immutable and thread-safe; reading it takes no lock.</remarks>
public sealed class OvsdbReplicaSnapshot
{
    private readonly Dictionary<string, OvsdbReplicaTable> tables;

    internal OvsdbReplicaSnapshot(long version, OvsdbUuid? lastTransactionId, Dictionary<string, OvsdbReplicaTable> tables)
    {
        this.Version = version;
        this.LastTransactionId = lastTransactionId;
        this.tables = tables;
    }

    /// <summary>Gets the version: it grows by one with every update message applied (and with every reload).</summary>
    public long Version { get; }

    /// <summary>Gets the transaction id of the last <c>update3</c> applied (monitor_cond_since), or null.</summary>
    public OvsdbUuid? LastTransactionId { get; }

    /// <summary>Gets the names of the replicated tables.</summary>
    public IReadOnlyCollection<string> TableNames => this.tables.Keys;

    /// <summary>Gets a replicated table.</summary>
    /// <param name="name">The table name.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentException">The replica does not hold that table.</exception>
    public OvsdbReplicaTable GetTable(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return this.tables.TryGetValue(name, out OvsdbReplicaTable? table)
            ? table
            : throw new ArgumentException($"The replica does not hold table '{name}' (it holds: {string.Join(", ", this.tables.Keys)}).", nameof(name));
    }

    /// <summary>Gets a replicated table if the replica holds it.</summary>
    /// <param name="name">The table name.</param>
    /// <param name="table">The table.</param>
    /// <returns>Whether the replica holds the table.</returns>
    public bool TryGetTable(string name, [NotNullWhen(true)] out OvsdbReplicaTable? table) => this.tables.TryGetValue(name, out table);

    /// <summary>Gets a replicated table through its generated model.</summary>
    /// <typeparam name="T">The model (its <c>TableName</c> names the table).</typeparam>
    /// <returns>The typed table.</returns>
    /// <exception cref="ArgumentException">The replica does not hold the table.</exception>
    public OvsdbReplicaTable<T> Table<T>()
        where T : class, IOvsdbModel<T>
        => new(this.GetTable(T.TableName));

    /// <inheritdoc/>
    public override string ToString() => $"version {this.Version}: " + string.Join(", ", this.tables.Values);

    internal Dictionary<string, OvsdbReplicaTable> Tables => this.tables;
}
