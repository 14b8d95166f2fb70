using OvsNet.Protocol;

namespace OvsNet.Mapping;

/// <summary>
/// A typed row of one OVSDB table, usually generated from an <c>.ovsschema</c> file by OvsNet's source generator.
/// Implementations are immutable records: value equality, <c>with</c> expressions, thread-safe to share.
/// </summary>
/// <typeparam name="TSelf">The model type itself.</typeparam>
public interface IOvsdbModel<TSelf>
    where TSelf : IOvsdbModel<TSelf>
{
    /// <summary>Gets the OVSDB table this model maps (for example <c>Bridge</c>).</summary>
    static abstract string TableName { get; }

    /// <summary>Gets the table's schema as the model knows it: columns, types, constraints, indexes.</summary>
    static abstract TableSchema TableSchema { get; }

    /// <summary>Gets the row's <c>_uuid</c>; <see cref="OvsdbUuid.Zero"/> for a row not read from a server.</summary>
    OvsdbUuid Uuid { get; }

    /// <summary>
    /// Reads an OVSDB row. Columns the model does not know are ignored and modelled columns the row lacks get their
    /// defaults, so a model generated from an older or newer schema still reads rows (schema skew).
    /// </summary>
    /// <param name="row">The row, for example from a select or a monitor update.</param>
    /// <returns>The typed row.</returns>
    /// <exception cref="OvsdbMappingException">A column holds a value of another type than the model's.</exception>
    static abstract TSelf FromRow(OvsdbRow row);

    /// <summary>Writes the modelled columns selected by <paramref name="scope"/> as an OVSDB row (never <c>_uuid</c>).</summary>
    /// <param name="scope">Which columns to write.</param>
    /// <returns>The row.</returns>
    OvsdbRow ToRow(OvsdbRowScope scope);
}
