using OvsNet.Routing.Netlink;

namespace OvsNet.Routing;

public sealed partial class RtNetlinkClient
{
    /// <summary>Lists all links.</summary>
    public async Task<IReadOnlyList<NetworkLink>> GetLinksAsync(CancellationToken cancellationToken = default) =>
        await this.DumpAsync(LinkCodec.Dump(), "list links", LinkCodec.Decode, cancellationToken).ConfigureAwait(false);

    /// <summary>Finds a link by name; null when there is none.</summary>
    public async Task<NetworkLink?> FindLinkAsync(string name, CancellationToken cancellationToken = default)
    {
        InterfaceNames.Validate(name, nameof(name));
        return await this.FindAsync(LinkCodec.GetByName(name), $"get link {name}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Finds a link by index; null when there is none.</summary>
    public async Task<NetworkLink?> FindLinkAsync(int index, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        return await this.FindAsync(LinkCodec.GetByIndex(index), $"get link #{index}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets a link administratively up or down (IFF_UP only).</summary>
    public async Task SetLinkStateAsync(int index, bool up, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(index);
        await this.SendAsync(LinkCodec.SetUp(index, up), $"set link #{index} {(up ? "up" : "down")}", cancellationToken).ConfigureAwait(false);
    }

    private async Task<NetworkLink?> FindAsync(NetlinkMessageBuilder request, string operation, CancellationToken cancellationToken)
    {
        try
        {
            IReadOnlyList<NetlinkMessage> replies = await this.SendAsync(request, operation, cancellationToken).ConfigureAwait(false);
            return replies.Select(LinkCodec.Decode).FirstOrDefault(l => l is not null);
        }
        catch (NetlinkException ex) when (ex.Errno == NetlinkConstants.Enodev)
        {
            return null;
        }
    }
}
