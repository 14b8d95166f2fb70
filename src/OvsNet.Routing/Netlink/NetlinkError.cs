using System.Buffers.Binary;

namespace OvsNet.Routing.Netlink;

/// <summary>
/// Decodes the error carried by NLMSG_ERROR (struct nlmsgerr) and by NLMSG_DONE (a dump's error: an i32 and,
/// with NLM_F_ACK_TLVS, the extended-ack attributes).
/// </summary>
internal static class NetlinkError
{
    /// <summary>Returns the positive errno (0 for an ACK) and the kernel's extended-ack text, if any.</summary>
    public static (int Errno, string? Message) Decode(NetlinkMessage message)
    {
        ReadOnlySpan<byte> payload = message.Payload.Span;
        if (payload.Length < 4)
        {
            return (0, null);
        }

        int errno = -BinaryPrimitives.ReadInt32LittleEndian(payload);
        if ((message.Flags & NetlinkConstants.FlagAckTlvs) == 0)
        {
            return (errno, null);
        }

        int tlvOffset = 4;
        if (message.Type == NetlinkConstants.NlmsgError)
        {
            // The original request's header follows; its payload too unless the kernel capped the echo.
            if (payload.Length < 4 + NetlinkConstants.HeaderSize)
            {
                return (errno, null);
            }

            int originalLength = (int)BinaryPrimitives.ReadUInt32LittleEndian(payload[4..]);
            tlvOffset += (message.Flags & NetlinkConstants.FlagCapped) != 0
                ? NetlinkConstants.HeaderSize
                : NetlinkMessageBuilder.Align(originalLength);
        }

        if (tlvOffset > payload.Length)
        {
            return (errno, null);
        }

        var tlvs = NetlinkAttributes.Parse(message.Payload[tlvOffset..]);
        return (errno, tlvs.GetString(NetlinkConstants.NlmsgerrAttrMessage));
    }
}
