namespace OvsNet.Hosting;

/// <summary>One table of <see cref="OvsdbReplicaSettings.Tables"/>.</summary>
public sealed class OvsdbReplicaTableSettings
{
    /// <summary>Gets the columns to keep (empty: every column).</summary>
    public IList<string> Columns { get; } = [];
}
