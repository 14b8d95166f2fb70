using System.Net;
using System.Net.Sockets;

namespace OvsNet.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for servers that listen in the host's network namespace.</summary>
public static class FreePorts
{
    /// <summary>Returns a TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    /// <returns>The port.</returns>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
