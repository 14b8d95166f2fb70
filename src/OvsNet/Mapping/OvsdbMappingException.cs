namespace OvsNet.Mapping;

/// <summary>
/// A row's column holds a value the typed model cannot represent (for example a server whose schema changed the
/// column's type). Names the table and column.
/// </summary>
public sealed class OvsdbMappingException : OvsdbException
{
    /// <summary>Initializes a new instance of the <see cref="OvsdbMappingException"/> class.</summary>
    public OvsdbMappingException()
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMappingException"/> class.</summary>
    /// <param name="message">The message.</param>
    public OvsdbMappingException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMappingException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The conversion failure.</param>
    public OvsdbMappingException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="OvsdbMappingException"/> class.</summary>
    /// <param name="table">The table.</param>
    /// <param name="column">The column.</param>
    /// <param name="innerException">The conversion failure.</param>
    public OvsdbMappingException(string table, string column, Exception innerException)
        : base($"Table {table}, column {column}: the value cannot be read into the typed model: {innerException?.Message}", innerException)
    {
        this.Table = table;
        this.Column = column;
    }

    /// <summary>Gets the table, if known.</summary>
    public string? Table { get; }

    /// <summary>Gets the column, if known.</summary>
    public string? Column { get; }
}
