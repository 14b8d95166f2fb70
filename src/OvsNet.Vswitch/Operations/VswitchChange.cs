namespace OvsNet.Vswitch.Operations;

/// <summary>
/// One change an ensure or remove operation made (or, from a plan, would make) to the Open_vSwitch database: what
/// (<see cref="Kind"/>), to which row (<see cref="Table"/>, <see cref="Name"/>) and, for an update, which column and
/// values. <see cref="ToString"/> gives the display line, for example <c>interface gre0: options:key "5" -> "6"</c>.
/// Immutable; safe to share.
/// </summary>
public sealed record VswitchChange
{
    /// <summary>Gets what was done to the row.</summary>
    public required VswitchChangeKind Kind { get; init; }

    /// <summary>Gets the row's table: <c>Bridge</c>, <c>Port</c> or <c>Interface</c>.</summary>
    public required string Table { get; init; }

    /// <summary>Gets the row's name (bridge, port or interface name).</summary>
    public required string Name { get; init; }

    /// <summary>
    /// Gets, for a row created or removed, the row it was added to or removed from: the bridge of a port, the port of
    /// an interface; null for a bridge and for updates.
    /// </summary>
    public string? Parent { get; init; }

    /// <summary>Gets, for an update, the column (<c>tag</c>, <c>type</c>, <c>options</c>, <c>external_ids</c>...); null otherwise.</summary>
    public string? Column { get; init; }

    /// <summary>Gets, for an update of one key of a map column (<c>options</c>, <c>external_ids</c>, <c>other_config</c>), the key; null otherwise.</summary>
    public string? Key { get; init; }

    /// <summary>
    /// Gets, for an update, the value before, as Open vSwitch spells it (<c>netdev</c>, <c>secure</c>, <c>10</c>,
    /// <c>OpenFlow13,OpenFlow15</c>); null when the column or key was not set.
    /// </summary>
    public string? OldValue { get; init; }

    /// <summary>Gets, for an update, the value after; null when the key was removed.</summary>
    public string? NewValue { get; init; }

    /// <summary>Gets the display line when the operation that made the change set one (it adds details such as a new row's columns).</summary>
    internal string? Display { get; init; }

    /// <summary>Renders the change as one line, for example <c>port vm0: tag 10 -> 20</c> or <c>bridge br0: created</c>.</summary>
    /// <returns>The line.</returns>
    public override string ToString() => this.Display ?? this.Format();

    private string Format()
    {
        string table = this.Table switch
        {
            "Bridge" => "bridge",
            "Port" => "port",
            "Interface" => "interface",
            _ => this.Table,
        };
        string owner = table + " " + this.Name;
        string column = this.Key is null ? this.Column ?? "?" : $"{this.Column}:{this.Key}";
        return this.Kind switch
        {
            VswitchChangeKind.Created => this.Parent is null ? $"{owner}: created" : $"{owner}: created in {this.Parent}",
            VswitchChangeKind.Removed => this.Parent is null ? $"{owner}: removed" : $"{owner}: removed from {this.Parent}",
            _ when this.OldValue is null => $"{owner}: {column}={this.NewValue}",
            _ when this.NewValue is null => $"{owner}: {column} removed (was {this.OldValue})",
            _ => $"{owner}: {column} {this.OldValue} -> {this.NewValue}",
        };
    }
}
