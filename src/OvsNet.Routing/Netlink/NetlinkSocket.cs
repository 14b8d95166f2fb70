using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace OvsNet.Routing.Netlink;

/// <summary>
/// An AF_NETLINK/NETLINK_ROUTE socket. .NET cannot create one (no netlink address family), so libc creates the
/// fd and System.Net.Sockets wraps it; Bind, Send/Receive and their async forms then work normally.
/// The socket belongs to the network namespace of the thread that created it, whatever thread uses it later.
/// </summary>
internal sealed class NetlinkSocket : IDisposable
{
    /// <summary>Large enough for any one datagram: the kernel caps dump chunks at 32 KiB.</summary>
    public const int ReceiveBufferSize = 64 * 1024;

    private readonly Socket socket;

    private NetlinkSocket(Socket socket) => this.socket = socket;

    /// <summary>Creates a socket in the calling thread's network namespace, joined to the given multicast groups.</summary>
    public static NetlinkSocket Create(IReadOnlyCollection<int> multicastGroups)
    {
        int fd = LibC.Socket(LibC.AfNetlink, LibC.SockRaw | LibC.SockCloexec, LibC.NetlinkRoute);
        if (fd < 0)
        {
            throw new NetlinkException(Marshal.GetLastPInvokeError(), "create netlink socket", null);
        }

        var socket = new Socket(new SafeSocketHandle(fd, ownsHandle: true));
        try
        {
            socket.Bind(new NetlinkEndPoint(0, 0));
            SetOption(socket, NetlinkConstants.NetlinkExtAck, 1);
            SetOption(socket, NetlinkConstants.NetlinkGetStrictCheck, 1);
            socket.ReceiveBufferSize = 1024 * 1024;
            foreach (int group in multicastGroups)
            {
                SetOption(socket, NetlinkConstants.NetlinkAddMembership, group);
            }

            return new NetlinkSocket(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public ValueTask<int> SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken) =>
        this.socket.SendAsync(message, SocketFlags.None, cancellationToken);

    public ValueTask<int> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        this.socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);

    public void Dispose() => this.socket.Dispose();

    private static void SetOption(Socket socket, int name, int value) =>
        socket.SetRawSocketOption(NetlinkConstants.SolNetlink, name, BitConverter.GetBytes(value));
}
