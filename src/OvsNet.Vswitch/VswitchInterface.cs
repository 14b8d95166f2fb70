
namespace OvsNet.Vswitch;

/// <summary>
/// An interface as read from the database: its typed <see cref="Interface"/> row, with ovs-vswitchd's status columns
/// (<c>error</c>, <c>ofport</c>, <c>link_state</c>, <c>statistics</c>...). Immutable.
/// </summary>
public sealed record VswitchInterface
{
    /// <summary>Gets the <c>Interface</c> row as read, with every column (the properties below are read from it).</summary>
    public required Interface Row { get; init; }

    /// <summary>Gets the name.</summary>
    public string Name => this.Row.Name;

    /// <summary>Gets the type (empty for a system device).</summary>
    public string Type => this.Row.Type;

    /// <summary>Gets the options.</summary>
    public IReadOnlyDictionary<string, string> Options => this.Row.Options;

    /// <summary>Gets the external ids.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds => this.Row.ExternalIds;

    /// <summary>Gets the error ovs-vswitchd reported, or null.</summary>
    public string? Error => this.Row.Error;

    /// <summary>Gets the OpenFlow port number: -1 when ovs-vswitchd could not add it, null before it has tried.</summary>
    public long? OfPort => this.Row.Ofport;
}
