namespace OvsNet.Testing;

/// <summary>What the ovsdb-server in a container serves (the image entrypoint's modes).</summary>
public enum OvsdbServerMode
{
    /// <summary>A standalone database of the chosen schema.</summary>
    Standalone,

    /// <summary>The first member of a Raft cluster (<c>ovsdb-tool create-cluster</c>).</summary>
    ClusterCreate,

    /// <summary>A member joining a Raft cluster (<c>ovsdb-tool join-cluster</c>).</summary>
    ClusterJoin,

    /// <summary>A relay (<c>relay:DB:REMOTES</c>) in front of a cluster or a standalone server.</summary>
    Relay,
}
