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
    private readonly ushort type;
    private readonly ushort flags;
    private byte[] buffer = new byte[256];
    private int length = NetlinkConstants.HeaderSize;

    public NetlinkMessageBuilder(ushort type, ushort flags)
    {
        this.type = type;
        this.flags = flags;
    }

    public ushort Type => this.type;

    public ushort Flags => this.flags;

    public static int Align(int length) => (length + 3) & ~3;

    public NetlinkMessageBuilder AddFixedHeader(ReadOnlySpan<byte> header)
    {
        this.Append(header);
        return this;
    }

    public NetlinkMessageBuilder AddAttribute(ushort type, ReadOnlySpan<byte> value)
    {
        Span<byte> tl = stackalloc byte[4];
        BinaryPrimitives.WriteUInt16LittleEndian(tl, checked((ushort)(4 + value.Length)));
        BinaryPrimitives.WriteUInt16LittleEndian(tl[2..], type);
        this.Append(tl);
        this.Append(value);
        return this;
    }

    public NetlinkMessageBuilder AddUInt32(ushort type, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
        return this.AddAttribute(type, bytes);
    }

    public NetlinkMessageBuilder AddByte(ushort type, byte value) => this.AddAttribute(type, [value]);

    public NetlinkMessageBuilder AddString(ushort type, string value)
    {
        byte[] bytes = new byte[Encoding.UTF8.GetByteCount(value) + 1];
        Encoding.UTF8.GetBytes(value, bytes);
        return this.AddAttribute(type, bytes);
    }

    public NetlinkMessageBuilder AddAddress(ushort type, IPAddress address) => this.AddAttribute(type, address.GetAddressBytes());

    /// <summary>Returns the finished message with the given sequence number (port id 0: the kernel fills it in).</summary>
    public byte[] Build(uint sequence)
    {
        byte[] message = this.buffer.AsSpan(0, this.length).ToArray();
        BinaryPrimitives.WriteUInt32LittleEndian(message, (uint)this.length);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(4), this.type);
        BinaryPrimitives.WriteUInt16LittleEndian(message.AsSpan(6), this.flags);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(8), sequence);
        return message;
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        int padded = Align(bytes.Length);
        if (this.length + padded > this.buffer.Length)
        {
            Array.Resize(ref this.buffer, Math.Max(this.buffer.Length * 2, this.length + padded));
        }

        bytes.CopyTo(this.buffer.AsSpan(this.length));
        this.buffer.AsSpan(this.length + bytes.Length, padded - bytes.Length).Clear();
        this.length += padded;
    }
}
