namespace OvsNet.Mapping;

/// <summary>
/// How a server's schema differs from the one models were generated from. Differences the models tolerate
/// (extra server columns, changed limits) are notes; those that make a modelled table or column unusable are problems.
/// </summary>
/// <remarks>Immutable.</remarks>
public sealed class OvsdbSchemaCompatibilityReport
{
    internal OvsdbSchemaCompatibilityReport(IReadOnlyList<string> problems, IReadOnlyList<string> notes, IReadOnlyList<string> missingTables, IReadOnlyList<string> missingColumns)
    {
        this.Problems = problems;
        this.Notes = notes;
        this.MissingTables = missingTables;
        this.MissingColumns = missingColumns;
    }

    /// <summary>Gets a value indicating whether every modelled table and column exists on the server with a compatible type.</summary>
    public bool IsCompatible => this.Problems.Count == 0;

    /// <summary>Gets messages about modelled tables or columns the server lacks or types it changed.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Gets messages about tolerated differences (columns only the server has, different min/max or constraints).</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>Gets the modelled tables the server lacks.</summary>
    public IReadOnlyList<string> MissingTables { get; }

    /// <summary>Gets the modelled columns the server lacks, as <c>Table.column</c>.</summary>
    public IReadOnlyList<string> MissingColumns { get; }

    /// <inheritdoc/>
    public override string ToString() => this.IsCompatible
        ? $"compatible ({this.Notes.Count} notes)"
        : string.Join(Environment.NewLine, this.Problems);
}
