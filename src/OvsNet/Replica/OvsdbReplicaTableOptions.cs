using OvsNet.Protocol;

namespace OvsNet.Replica;

/// <summary>One table a replica holds: which columns, and which rows (conditions, changeable at run time).</summary>
/// <remarks>Immutable once built; thread-safe.</remarks>
public sealed class OvsdbReplicaTableOptions
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbReplicaTableOptions"/> class.</summary>
    /// <param name="name">The table name.</param>
    public OvsdbReplicaTableOptions(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        this.Name = name;
    }

    /// <summary>Gets the table name.</summary>
    public string Name { get; }

    /// <summary>Gets the columns to replicate, or null for all (the server's schema). Indexed columns must be among them.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>
    /// Gets the conditions rows must meet (all of them), or null for every row. Needs <c>monitor_cond</c> or
    /// <c>monitor_cond_since</c>; change them later with <see cref="OvsdbReplica.ChangeConditionsAsync"/>.
    /// </summary>
    public IReadOnlyList<OvsdbCondition>? Where { get; init; }
}
