using OvsNet.Protocol;

namespace OvsNet;

/// <summary>One <c>update2</c> or <c>update3</c> notification of a conditional monitor.</summary>
/// <remarks>Immutable and thread-safe.</remarks>
public sealed class OvsdbMonitorUpdate
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbMonitorUpdate"/> class.</summary>
    /// <param name="updates">The row changes.</param>
    /// <param name="lastTransactionId">The id of the transaction that caused them (<c>update3</c> only).</param>
    public OvsdbMonitorUpdate(TableUpdates2 updates, OvsdbUuid? lastTransactionId)
    {
        ArgumentNullException.ThrowIfNull(updates);
        this.Updates = updates;
        this.LastTransactionId = lastTransactionId;
    }

    /// <summary>Gets the row changes, by table and row uuid.</summary>
    public TableUpdates2 Updates { get; }

    /// <summary>
    /// Gets the id of the transaction these changes come from (from <c>update3</c> of <c>monitor_cond_since</c>;
    /// null for <c>update2</c>). Pass it to a later <c>monitor_cond_since</c> to resume.
    /// </summary>
    public OvsdbUuid? LastTransactionId { get; }
}
