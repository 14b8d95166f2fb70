using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace OvsNet.Transport;

/// <summary>Opens the byte stream to an <see cref="OvsdbEndpoint"/>.</summary>
/// <remarks>Stateless and thread-safe.</remarks>
internal static class OvsdbConnector
{
    /// <summary>Connects to the first reachable endpoint of <paramref name="endpoints"/>, in order.</summary>
    /// <exception cref="ArgumentException">An <c>ssl:</c> endpoint was given without <paramref name="tls"/>.</exception>
    /// <exception cref="OvsdbConnectionException">No endpoint could be reached.</exception>
    public static async Task<(OvsdbConnectionStream Stream, OvsdbEndpoint Endpoint)> ConnectAsync(
        IReadOnlyList<OvsdbEndpoint> endpoints, TimeSpan timeout, OvsdbTlsOptions? tls, ILogger logger, CancellationToken cancellationToken)
    {
        RequireTls(endpoints, tls);
        var failures = new List<Exception>();
        foreach (OvsdbEndpoint endpoint in endpoints)
        {
            LogMessages.Connecting(logger, endpoint);
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeoutSource.CancelAfter(timeout);
            try
            {
                OvsdbConnectionStream stream = await ConnectOneAsync(endpoint, tls, timeoutSource.Token).ConfigureAwait(false);
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
            catch (OvsdbConnectionException ex)
            {
                LogMessages.ConnectFailed(logger, endpoint, ex);
                failures.Add(ex);
            }
        }

        string targets = string.Join(", ", endpoints);
        throw failures.Count == 1
            ? failures[0] as OvsdbConnectionException ?? new OvsdbConnectionException($"Could not connect to {targets}: {failures[0].Message}", failures[0])
            : new OvsdbConnectionException($"Could not connect to any of {targets}.", new AggregateException(failures));
    }

    /// <summary>Throws when an <c>ssl:</c> endpoint is listed but no TLS options are given.</summary>
    /// <exception cref="ArgumentException">TLS options are missing.</exception>
    public static void RequireTls(IReadOnlyList<OvsdbEndpoint> endpoints, OvsdbTlsOptions? tls)
    {
        OvsdbEndpoint? ssl = endpoints.FirstOrDefault(e => e.Kind == OvsdbEndpointKind.Ssl);
        if (ssl is not null && tls is null)
        {
            throw new ArgumentException(
                $"'{ssl}' is a TLS remote: set the Tls options (client certificate, private key and CA certificate).", nameof(tls));
        }
    }

    /// <summary>Opens one endpoint (TCP connect, then the TLS handshake for <c>ssl:</c>).</summary>
    /// <exception cref="SocketException">The socket could not connect.</exception>
    /// <exception cref="OvsdbConnectionException">The TLS handshake failed.</exception>
    public static async Task<OvsdbConnectionStream> ConnectOneAsync(OvsdbEndpoint endpoint, OvsdbTlsOptions? tls, CancellationToken cancellationToken)
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

            var network = new NetworkStream(socket, ownsSocket: true);
            if (endpoint.Kind != OvsdbEndpointKind.Ssl)
            {
                return new OvsdbConnectionStream(network);
            }

            return new OvsdbConnectionStream(await OvsdbTlsConnector
                .AuthenticateAsync(network, endpoint, tls ?? throw new ArgumentNullException(nameof(tls)), cancellationToken)
                .ConfigureAwait(false));
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
