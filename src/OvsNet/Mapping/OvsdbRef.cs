using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// A typed reference to a row of the table modelled by <typeparamref name="T"/>: either a real <see cref="OvsdbUuid"/>
/// or, inside a transaction, the <see cref="OvsdbNamedUuid"/> of a row inserted by the same transaction.
/// </summary>
/// <typeparam name="T">The referenced table's model (a phantom type: it only makes references type-safe).</typeparam>
public readonly struct OvsdbRef<T> : IEquatable<OvsdbRef<T>>
{
    private readonly string? name;

    /// <summary>Initializes a new instance of the <see cref="OvsdbRef{T}"/> struct for a row's uuid.</summary>
    /// <param name="uuid">The row's <c>_uuid</c>.</param>
    public OvsdbRef(OvsdbUuid uuid) => this.Uuid = uuid;

    /// <summary>Initializes a new instance of the <see cref="OvsdbRef{T}"/> struct for a row inserted by the same transaction.</summary>
    /// <param name="namedUuid">The insert's named-uuid.</param>
    public OvsdbRef(OvsdbNamedUuid namedUuid) => this.name = namedUuid.Name;

    /// <summary>Gets the uuid (<see cref="OvsdbUuid.Zero"/> when this is a named-uuid).</summary>
    public OvsdbUuid Uuid { get; }

    /// <summary>Gets a value indicating whether this refers to a row by named-uuid.</summary>
    public bool IsNamed => this.name is not null;

    /// <summary>Gets the named-uuid.</summary>
    /// <exception cref="InvalidOperationException">This reference is a uuid.</exception>
    public OvsdbNamedUuid NamedUuid => this.name is not null
        ? new OvsdbNamedUuid(this.name)
        : throw new InvalidOperationException("This reference is a uuid, not a named-uuid.");

    /// <summary>Converts a uuid.</summary>
    /// <param name="uuid">The uuid.</param>
    public static implicit operator OvsdbRef<T>(OvsdbUuid uuid) => new(uuid);

    /// <summary>Converts a named-uuid.</summary>
    /// <param name="namedUuid">The named-uuid.</param>
    public static implicit operator OvsdbRef<T>(OvsdbNamedUuid namedUuid) => new(namedUuid);

    /// <summary>Compares two references.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(OvsdbRef<T> left, OvsdbRef<T> right) => left.Equals(right);

    /// <summary>Compares two references.</summary>
    /// <param name="left">The first.</param>
    /// <param name="right">The second.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(OvsdbRef<T> left, OvsdbRef<T> right) => !left.Equals(right);

    /// <summary>Converts to the atom written on the wire.</summary>
    /// <returns>A uuid or named-uuid atom.</returns>
    public OvsdbAtom ToAtom() => this.name is not null ? OvsdbAtom.NamedUuid(new OvsdbNamedUuid(this.name)) : OvsdbAtom.Uuid(this.Uuid);

    /// <summary>Builds the condition <c>_uuid == this</c>.</summary>
    /// <returns>The condition.</returns>
    public OvsdbCondition ToCondition() => this.name is not null ? OvsdbCondition.UuidIs(new OvsdbNamedUuid(this.name)) : OvsdbCondition.UuidIs(this.Uuid);

    /// <inheritdoc/>
    public bool Equals(OvsdbRef<T> other) => this.Uuid == other.Uuid && string.Equals(this.name, other.name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbRef<T> other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.Uuid, this.name is null ? 0 : StringComparer.Ordinal.GetHashCode(this.name));

    /// <inheritdoc/>
    public override string ToString() => this.name ?? this.Uuid.ToString();
}
