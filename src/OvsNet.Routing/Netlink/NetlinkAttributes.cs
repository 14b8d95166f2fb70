using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace OvsNet.Routing.Netlink;

/// <summary>The attributes of one message, by type (the NESTED and BYTEORDER bits masked off; the last one wins).</summary>
internal sealed class NetlinkAttributes
{
    private readonly Dictionary<ushort, ReadOnlyMemory<byte>> values = [];

    public static NetlinkAttributes Parse(ReadOnlyMemory<byte> data)
    {
        var attributes = new NetlinkAttributes();
        int offset = 0;
        ReadOnlySpan<byte> span = data.Span;
        while (span.Length - offset >= 4)
        {
            int length = BinaryPrimitives.ReadUInt16LittleEndian(span[offset..]);
            ushort type = (ushort)(BinaryPrimitives.ReadUInt16LittleEndian(span[(offset + 2)..]) & 0x3FFF);
            if (length < 4 || offset + length > span.Length)
            {
                break;
            }

            attributes.values[type] = data.Slice(offset + 4, length - 4);
            offset += NetlinkMessageBuilder.Align(length);
        }

        return attributes;
    }

    public bool Has(ushort type) => this.values.ContainsKey(type);

    public uint? GetUInt32(ushort type) =>
        this.values.TryGetValue(type, out ReadOnlyMemory<byte> v) && v.Length >= 4 ? BinaryPrimitives.ReadUInt32LittleEndian(v.Span) : null;

    public int? GetInt32(ushort type) => (int?)this.GetUInt32(type);

    public byte? GetByte(ushort type) => this.values.TryGetValue(type, out ReadOnlyMemory<byte> v) && v.Length >= 1 ? v.Span[0] : null;

    public string? GetString(ushort type)
    {
        if (!this.values.TryGetValue(type, out ReadOnlyMemory<byte> v))
        {
            return null;
        }

        ReadOnlySpan<byte> s = v.Span;
        int nul = s.IndexOf((byte)0);
        return Encoding.UTF8.GetString(nul >= 0 ? s[..nul] : s);
    }

    public IPAddress? GetAddress(ushort type) =>
        this.values.TryGetValue(type, out ReadOnlyMemory<byte> v) && (v.Length == 4 || v.Length == 16) ? new IPAddress(v.Span) : null;

    public ReadOnlyMemory<byte>? GetBytes(ushort type) => this.values.TryGetValue(type, out ReadOnlyMemory<byte> v) ? v : null;
}
