using Microsoft.Extensions.Logging;

namespace OvsNet.Routing.Netlink;

/// <summary>
/// Request/answer over one netlink socket: one request at a time, a fresh sequence number each, replies with
/// another sequence number skipped (left over from a cancelled request), dump errors read from NLMSG_DONE,
/// interrupted dumps (NLM_F_DUMP_INTR) retried.
/// </summary>
internal sealed class NetlinkConnection : IDisposable
{
    private const int DumpAttempts = 3;

    private readonly NetlinkSocket socket;
    private readonly ILogger logger;
    private readonly TimeSpan timeout;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly byte[] buffer = new byte[NetlinkSocket.ReceiveBufferSize];
    private uint sequence = (uint)Environment.TickCount;

    public NetlinkConnection(NetlinkSocket socket, ILogger logger, TimeSpan timeout)
    {
        this.socket = socket;
        this.logger = logger;
        this.timeout = timeout;
    }

    /// <summary>Sends a request and returns its replies (empty for a plain ACK); throws <see cref="NetlinkException"/> on an error.</summary>
    public async Task<IReadOnlyList<NetlinkMessage>> TransactAsync(NetlinkMessageBuilder request, string operation, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(this.timeout);
        await this.gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (int attempt = 1; ; attempt++)
            {
                (List<NetlinkMessage> replies, bool interrupted) = await this.ExchangeAsync(request, operation, timeout.Token).ConfigureAwait(false);
                if (!interrupted)
                {
                    return replies;
                }

                if (attempt == DumpAttempts)
                {
                    throw new NetlinkException(NetlinkConstants.Eintr, operation, "dump interrupted by concurrent changes, retries exhausted");
                }

                LogMessages.DumpInterrupted(this.logger, operation, attempt);
            }
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new NetlinkTimeoutException(operation, this.timeout, ex);
        }
        finally
        {
            this.gate.Release();
        }
    }

    public void Dispose()
    {
        this.socket.Dispose();
        this.gate.Dispose();
    }

    private async Task<(List<NetlinkMessage> Replies, bool Interrupted)> ExchangeAsync(NetlinkMessageBuilder request, string operation, CancellationToken cancellationToken)
    {
        uint sequence = unchecked(++this.sequence);
        byte[] bytes = request.Build(sequence);
        LogMessages.RequestSent(this.logger, operation, request.Type, request.Flags, sequence, bytes.Length);
        await this.socket.SendAsync(bytes, cancellationToken).ConfigureAwait(false);

        bool isDump = (request.Flags & NetlinkConstants.FlagDump) == NetlinkConstants.FlagDump;
        bool wantsAck = (request.Flags & NetlinkConstants.FlagAck) != 0;
        var replies = new List<NetlinkMessage>();
        bool interrupted = false;
        while (true)
        {
            int received = await this.socket.ReceiveAsync(this.buffer, cancellationToken).ConfigureAwait(false);
            foreach (NetlinkMessage message in NetlinkMessage.ParseAll(this.buffer.AsSpan(0, received)))
            {
                if (message.Sequence != sequence)
                {
                    continue;
                }

                interrupted |= (message.Flags & NetlinkConstants.FlagDumpInterrupted) != 0;
                if (message.Type is NetlinkConstants.NlmsgError or NetlinkConstants.NlmsgDone)
                {
                    (int errno, string? text) = NetlinkError.Decode(message);
                    if (errno != 0)
                    {
                        LogMessages.RequestFailed(this.logger, operation, errno, text);
                        throw new NetlinkException(errno, operation, text);
                    }

                    return (replies, interrupted);
                }

                replies.Add(message);
                if (!isDump && !wantsAck && (message.Flags & NetlinkConstants.FlagMulti) == 0)
                {
                    return (replies, interrupted);
                }
            }
        }
    }
}
