namespace OvsNet.Mapping;

/// <summary>Which modelled columns <see cref="IOvsdbModel{TSelf}.ToRow(OvsdbRowScope)"/> writes.</summary>
public enum OvsdbRowScope
{
    /// <summary>
    /// Columns whose value differs from the OVSDB default (non-empty sets and maps, set optionals, non-default
    /// scalars): what an <c>insert</c> needs, since the server fills the rest with the same defaults.
    /// </summary>
    Insert,

    /// <summary>Every mutable modelled column: a full <c>update</c> (immutable columns can only be set by insert).</summary>
    Update,

    /// <summary>Every modelled column, mutable or not: for <c>wait</c> rows and comparisons.</summary>
    All,
}
