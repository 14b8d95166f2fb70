namespace OvsNet.Testing;

/// <summary>Where test servers run: a private process on this host, or a container of the ovsdb-server image.</summary>
public enum OvsdbServerLocation
{
    /// <summary>A private ovsdb-server process (needs the Open vSwitch tools on this host).</summary>
    Process,

    /// <summary>A container of the ovsdb-server image (needs a container engine that serves the Docker API).</summary>
    Container,
}
