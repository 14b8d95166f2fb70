using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace OvsNet.Testing;

/// <summary>Free TCP ports for servers that listen in the host's network namespace.</summary>
/// <remarks>
/// Ports come from 20000-32767, below Linux's default ephemeral range (32768-60999), so no outgoing connection takes
/// one between the check and the server's bind; a port is handed out at most once per process, so parallel tests never
/// get the same one. Thread-safe.
/// </remarks>
public static class FreePorts
{
    private const int First = 20000;
    private const int End = 32768;

    private static readonly ConcurrentDictionary<int, bool> Given = new();

    /// <summary>Returns a TCP port that nothing listens on right now and that this process has not handed out before.</summary>
    /// <returns>The port.</returns>
    /// <exception cref="InvalidOperationException">No such port was found.</exception>
    public static int Next()
    {
        for (int attempt = 0; attempt < 2000; attempt++)
        {
            int port = Random.Shared.Next(First, End);
            if (!Given.TryAdd(port, true))
            {
                continue;
            }

            try
            {
                // Any address: container engines publish ports on every interface.
                using var listener = new TcpListener(IPAddress.Any, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use by someone else: try another.
            }
        }

        throw new InvalidOperationException($"No free TCP port found in {First}-{End - 1}.");
    }
}
