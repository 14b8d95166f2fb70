using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace OvsNet.Transport;

/// <summary>Opens the byte stream to an <see cref="OvsdbEndpoint"/>.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class OvsdbConnector
{
    /// <summary>Connects to the first reachable endpoint of <paramref name="endpoints"/>, in order.</summary>
    /// <exception cref="NotSupportedException">An <c>ssl:</c> endpoint was given (TLS is not implemented yet).</exception>
    /// <exception cref="OvsdbConnectionException">No endpoint could be reached.</exception>
    public static async Task<(Stream Stream, OvsdbEndpoint Endpoint)> ConnectAsync(
        IReadOnlyList<OvsdbEndpoint> endpoints, TimeSpan timeout, ILogger logger, CancellationToken cancellationToken)
    {
        OvsdbEndpoint? ssl = endpoints.FirstOrDefault(e => e.Kind == OvsdbEndpointKind.Ssl);
        if (ssl is not null)
        {
            throw new NotSupportedException(
                $"Cannot connect to '{ssl}': ssl: (TLS) remotes are parsed but not supported yet; use unix: or tcp:, or open an SslStream yourself and pass it to OvsdbClient.Create.");
        }

        var failures = new List<Exception>();
        foreach (OvsdbEndpoint endpoint in endpoints)
        {
            LogMessages.Connecting(logger, endpoint);
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                Stream stream = await ConnectOneAsync(endpoint, timeoutSource.Token).ConfigureAwait(false);
                LogMessages.Connected(logger, endpoint);
                return (stream, endpoint);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var timedOut = new TimeoutException($"Connecting to {endpoint} timed out after {timeout}.");
                LogMessages.ConnectFailed(logger, endpoint, timedOut);
                failures.Add(timedOut);
            }
            catch (SocketException ex)
            {
                LogMessages.ConnectFailed(logger, endpoint, ex);
                failures.Add(new OvsdbConnectionException($"Could not connect to {endpoint}: {ex.Message} ({ex.SocketErrorCode}).", ex));
            }
        }

        string targets = string.Join(", ", endpoints);
        throw failures.Count == 1
            ? new OvsdbConnectionException($"Could not connect to {targets}: {failures[0].Message}", failures[0].InnerException ?? failures[0])
            : new OvsdbConnectionException($"Could not connect to any of {targets}.", new AggregateException(failures));
    }

    private static async Task<Stream> ConnectOneAsync(OvsdbEndpoint endpoint, CancellationToken cancellationToken)
    {
        Socket socket = endpoint.Kind == OvsdbEndpointKind.Unix
            ? new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified)
            : new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (endpoint.Kind == OvsdbEndpointKind.Unix)
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(endpoint.Path!), cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await socket.ConnectAsync(endpoint.Host!, endpoint.Port, cancellationToken).ConfigureAwait(false);
            }

            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
