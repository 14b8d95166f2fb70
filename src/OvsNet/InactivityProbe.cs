using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace OvsNet;

/// <summary>
/// The client side inactivity probe: after <c>interval</c> without receiving any byte, send <c>echo</c>; if nothing at
/// all arrives within another interval, the connection is declared dead. Any received bytes count (a large message
/// arriving slowly keeps the connection alive even though the echo reply waits behind it).
/// </summary>
/// <remarks>One instance per connection; the loop runs on one task.</remarks>
internal static class InactivityProbe
{
    /// <summary>Runs until the connection is found dead (returns the reason) or <paramref name="cancellationToken"/> is cancelled.</summary>
    public static async Task<Exception> RunAsync(OvsdbClient client, TimeSpan interval, ILogger logger, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan idle = Stopwatch.GetElapsedTime(client.LastReceivedTimestamp ?? Stopwatch.GetTimestamp());
            if (idle < interval)
            {
                await Task.Delay(interval - idle, cancellationToken).ConfigureAwait(false);
                continue;
            }

            long sentAt = Stopwatch.GetTimestamp();
            LogMessages.SessionProbeSent(logger, client.Endpoint!, idle);
            _ = EchoQuietlyAsync(client, cancellationToken);
            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
            if ((client.LastReceivedTimestamp ?? sentAt) < sentAt)
            {
                return new OvsdbConnectionException(
                    $"{client.Endpoint} sent nothing for {interval} after an echo sent following {idle:g} of inactivity (inactivity probe); dropping the connection.");
            }
        }
    }

    private static async Task EchoQuietlyAsync(OvsdbClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.EchoAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OvsdbException or OperationCanceledException or ObjectDisposedException)
        {
            // The probe judges by received bytes; a lost connection is seen by the session itself.
        }
    }
}
