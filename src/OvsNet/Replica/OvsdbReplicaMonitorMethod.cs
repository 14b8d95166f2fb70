namespace OvsNet.Replica;

/// <summary>Which monitor method a replica uses.</summary>
public enum OvsdbReplicaMonitorMethod
{
    /// <summary><c>monitor_cond_since</c>, falling back to <c>monitor_cond</c> and then <c>monitor</c> when the server answers "unknown method".</summary>
    Auto,

    /// <summary><c>monitor_cond_since</c> (ovsdb-server(7) §4.1.15): update3 diffs, resumable after a reconnect on clustered databases.</summary>
    MonitorCondSince,

    /// <summary><c>monitor_cond</c> (ovsdb-server(7) §4.1.12): update2 diffs; every reconnect reloads.</summary>
    MonitorCond,

    /// <summary>RFC 7047 <c>monitor</c>: whole-row updates; no conditions; every reconnect reloads.</summary>
    Monitor,
}
