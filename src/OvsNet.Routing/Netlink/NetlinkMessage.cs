using System.Buffers.Binary;

namespace OvsNet.Routing.Netlink;

/// <summary>One received netlink message; the payload is a private copy (receive buffers are reused).</summary>
internal sealed record NetlinkMessage(ushort Type, ushort Flags, uint Sequence, uint PortId, ReadOnlyMemory<byte> Payload)
{
    /// <summary>
    /// Splits a datagram into messages. A datagram may carry several (dump parts) and each one is padded to 4 bytes.
    /// </summary>
    public static List<NetlinkMessage> ParseAll(ReadOnlySpan<byte> datagram)
    {
        var messages = new List<NetlinkMessage>();
        int offset = 0;
        while (datagram.Length - offset >= NetlinkConstants.HeaderSize)
        {
            ReadOnlySpan<byte> rest = datagram[offset..];
            int length = (int)BinaryPrimitives.ReadUInt32LittleEndian(rest);
            if (length < NetlinkConstants.HeaderSize || length > rest.Length)
            {
                throw new InvalidDataException($"Malformed netlink message: length {length} with {rest.Length} bytes left.");
            }

            messages.Add(new NetlinkMessage(
                BinaryPrimitives.ReadUInt16LittleEndian(rest[4..]),
                BinaryPrimitives.ReadUInt16LittleEndian(rest[6..]),
                BinaryPrimitives.ReadUInt32LittleEndian(rest[8..]),
                BinaryPrimitives.ReadUInt32LittleEndian(rest[12..]),
                rest[NetlinkConstants.HeaderSize..length].ToArray()));
            offset += NetlinkMessageBuilder.Align(length);
        }

        return messages;
    }
}
