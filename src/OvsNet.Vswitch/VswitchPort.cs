
namespace OvsNet.Vswitch;

/// <summary>A port as read from the database: its typed <see cref="Port"/> row and its interfaces. Immutable.</summary>
public sealed record VswitchPort
{
    /// <summary>Gets the <c>Port</c> row as read, with every column (the properties below are read from it).</summary>
    public required Port Row { get; init; }

    /// <summary>Gets the interfaces, sorted by name.</summary>
    public required IReadOnlyList<VswitchInterface> Interfaces { get; init; }

    /// <summary>Gets the name.</summary>
    public string Name => this.Row.Name;

    /// <summary>Gets the access VLAN tag, or null.</summary>
    public int? Tag => this.Row.Tag is long tag ? (int)tag : null;

    /// <summary>Gets the external ids.</summary>
    public IReadOnlyDictionary<string, string> ExternalIds => this.Row.ExternalIds;

    /// <summary>Gets the other_config entries.</summary>
    public IReadOnlyDictionary<string, string> OtherConfig => this.Row.OtherConfig;
}
