using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace OvsNet.Routing.Netlink;

/// <summary>
/// A sockaddr_nl. .NET has no AddressFamily.Netlink, so the endpoint reports Unspecified and writes the
/// 12 raw bytes itself (family AF_NETLINK, pad, port id, multicast groups), overwriting the family bytes
/// that SocketAddress fills in.
/// </summary>
internal sealed class NetlinkEndPoint(uint portId, uint groups) : EndPoint
{
    private const int Size = 12;

    public uint PortId { get; } = portId;

    public uint Groups { get; } = groups;

    public override AddressFamily AddressFamily => AddressFamily.Unspecified;

    public override SocketAddress Serialize()
    {
        var address = new SocketAddress(AddressFamily.Unspecified, Size);
        Span<byte> bytes = address.Buffer.Span;
        bytes.Clear();
        BinaryPrimitives.WriteUInt16LittleEndian(bytes, LibC.AfNetlink);
        BitConverter.TryWriteBytes(bytes[4..], this.PortId);
        BitConverter.TryWriteBytes(bytes[8..], this.Groups);
        return address;
    }

    public override EndPoint Create(SocketAddress socketAddress)
    {
        ReadOnlySpan<byte> bytes = socketAddress.Buffer.Span;
        return new NetlinkEndPoint(BitConverter.ToUInt32(bytes[4..]), BitConverter.ToUInt32(bytes[8..]));
    }
}
