namespace OvsNet.Generators.Model;

/// <summary>
/// An RFC 7047 &lt;base-type&gt; with its constraints, plus the C# names resolved for it: the referenced table's class and,
/// for a string enum, the generated enum type, its wire map class and members.
/// </summary>
internal sealed record BaseTypeModel(
    AtomKind Type,
    EquatableArray<string> Enum,
    bool HasEnum,
    long? MinInteger,
    long? MaxInteger,
    double? MinReal,
    double? MaxReal,
    long? MinLength,
    long? MaxLength,
    string? RefTable,
    bool WeakRef)
{
    /// <summary>Gets the C# class generated for <see cref="RefTable"/>.</summary>
    public string? RefClassName { get; init; }

    /// <summary>Gets the generated enum's name when this is a string type with an enum constraint.</summary>
    public string? EnumTypeName { get; init; }

    /// <summary>Gets the name of the generated class that maps the enum's members to and from their wire strings.</summary>
    public string? EnumMapName { get; init; }

    public EquatableArray<EnumMemberModel> EnumMembers { get; init; }
}
