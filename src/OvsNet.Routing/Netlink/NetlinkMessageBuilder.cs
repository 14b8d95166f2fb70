using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace OvsNet.Routing.Netlink;

/// <summary>
/// Builds one netlink message: nlmsghdr, a fixed family header, then TLV attributes. Host byte order for
/// integers, network order for addresses, every element aligned to 4 bytes; an attribute's length excludes
/// its padding (that is what the kernel and iproute2 send).
/// </summary>
internal sealed class NetlinkMessageBuilder
{
    private readonly ushort _type;
    private readonly ushort _flags;
    private byte[] _buffer = new byte[256];
    private int _length = NetlinkConstants.HeaderSize;

    public NetlinkMessageBuilder(ushort type, ushort flags)
    {
        _type = type;
        _flags = flags;
    }

    public ushort Type => _type;

    public ushort Flags => _flags;

    public static int Align(int length) => (length + 3) & ~3;

    public NetlinkMessageBuilder AddFixedHeader(ReadOnlySpan<byte> header)
    {
        Append(header);
        return this;
    }

    public NetlinkMessageBuilder AddAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> tl = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(tl, checked((ushort)(4 + value.Length)));
        BinaryPrimitives.WriteUInt16LittleEndian(tl[2..], type);
        Append(tl);
        Append(value);
        return this;
    }

    public NetlinkMessageBuilder AddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return AddAttribute(type, bytes);
    }

    public NetlinkMessageBuilder AddByte(ushort type, byte value) => AddAttribute(type, [value]);

    public NetlinkMessageBuilder AddString(ushort type, string value)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return AddAttribute(type, bytes);
    }

    public NetlinkMessageBuilder AddAddress(ushort type, IPAddress address) => AddAttribute(type, address.GetAddressBytes());

    /// <summary>Returns the finished message with the given sequence number (port id 0: the kernel fills it in).</summary>
    public byte[] Build(uint sequence)
    {
        byte[] message = _buffer.AsSpan(0, _length).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)_length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), _type);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), _flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        return message;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        int padded = Align(bytes.Length);
        if (_length + padded > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + padded));
        }

        bytes.CopyTo(_buffer.AsSpan(_length));
        _buffer.AsSpan(_length + bytes.Length, padded - bytes.Length).Clear();
        _length += padded;
    }
}
