namespace OvsNet;

/// <summary>The transport of an <see cref="OvsdbEndpoint"/>, as named in OVS remote strings.</summary>
public enum OvsdbEndpointKind
{
    /// <summary><c>unix:PATH</c>: a Unix domain stream socket.</summary>
    Unix,

    /// <summary><c>tcp:HOST:PORT</c>: plain TCP.</summary>
    Tcp,

    /// <summary><c>ssl:HOST:PORT</c>: TLS over TCP (needs <see cref="OvsdbTlsOptions"/>).</summary>
    Ssl,
}
