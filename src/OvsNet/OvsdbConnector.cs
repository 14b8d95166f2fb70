using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace OvsNet;

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
                failures.Add(new OvsdbConnectionException(DescribeConnectFailure(endpoint, ex.SocketErrorCode, ex.Message), ex));
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

    /// <summary>
    /// The message for a socket that could not connect. For a unix socket it names the path and says which of the usual
    /// causes it was: the socket file does not exist (the server is not running, or uses another path), permission to
    /// the file is denied, or the file exists but no server listens on it (a stale socket left by a server that stopped).
    /// </summary>
    /// <param name="endpoint">The endpoint tried.</param>
    /// <param name="error">The socket error.</param>
    /// <param name="systemMessage">The operating system's description of the error.</param>
    /// <returns>The message.</returns>
    internal static string DescribeConnectFailure(OvsdbEndpoint endpoint, SocketError error, string systemMessage)
    {
        if (endpoint.Kind == OvsdbEndpointKind.Unix)
        {
            string path = endpoint.Path!;
            switch (error)
            {
                // Linux reports a missing socket file (ENOENT) as AddressNotAvailable.
                case SocketError.AddressNotAvailable when !File.Exists(path):
                    return $"Could not connect to {endpoint}: the socket file {path} does not exist (is the server running, and is this the socket it listens on?).";
                case SocketError.AccessDenied:
                    return $"Could not connect to {endpoint}: permission denied on the socket file {path} (connecting needs write permission on the file and search permission on its directories).";
                case SocketError.ConnectionRefused:
                    return $"Could not connect to {endpoint}: the socket file {path} exists but no server is listening on it (a stale socket left by a server that stopped?).";
            }
        }

        return $"Could not connect to {endpoint}: {systemMessage} ({error}).";
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
