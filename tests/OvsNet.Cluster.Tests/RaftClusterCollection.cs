using OvsNet.TestSupport;

namespace OvsNet.Cluster.Tests;

/// <summary>The classes that kill and restart members of the one private Raft cluster: they share it and run one at a time.</summary>
[CollectionDefinition(Name)]
[Trait("Category", "Integration")]
public sealed class RaftClusterCollection : ICollectionFixture<RaftClusterFixture>
{
    public const string Name = "Raft cluster";
}
