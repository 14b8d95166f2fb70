using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The <c>wait</c> operation (RFC 7047 §5.2.6): succeeds when the rows matching <see cref="Where"/>, projected on
/// <see cref="Columns"/>, are (or are not) exactly <see cref="Rows"/>, within <see cref="Timeout"/>. With a zero
/// timeout it is an optimistic-concurrency check (ovs-vsctl's "verify"). Result: <c>{}</c>, or the error "timed out".
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<WaitOperation>))]
public sealed class WaitOperation : OvsdbOperation
{
    private readonly OvsdbCondition[] where;
    private readonly OvsdbRow[] rows;
    private readonly string[]? columns;

    /// <summary>Creates a wait.</summary>
    /// <param name="table">The table.</param>
    /// <param name="where">The conditions selecting the rows.</param>
    /// <param name="rows">The expected rows (projected on <paramref name="columns"/>).</param>
    /// <param name="until">Whether to wait for equality or inequality.</param>
    /// <param name="timeout">
    /// How long the server may wait, in whole milliseconds; <see cref="TimeSpan.Zero"/> checks once. It is always
    /// written, because a wait without a timeout blocks forever (RFC 7047 §5.2.6). Pass
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> to ask for that explicitly (the member is then left out).
    /// </param>
    /// <param name="columns">The columns compared, or null for all columns of <paramref name="rows"/>.</param>
    /// <exception cref="ArgumentException">The table is blank, or a condition, row or column is null/empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="until"/> is undefined or <paramref name="timeout"/> is negative.</exception>
    public WaitOperation(
        string table,
        IReadOnlyList<OvsdbCondition> where,
        IReadOnlyList<OvsdbRow> rows,
        WaitUntil until,
        TimeSpan timeout,
        IReadOnlyList<string>? columns = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        this.Table = CheckTable(table);
        this.where = CheckWhere(where);
        this.rows = [.. rows];
        if (Array.IndexOf(this.rows, null) >= 0)
        {
            throw new ArgumentException("The rows contain null.", nameof(rows));
        }

        if (!Enum.IsDefined(until))
        {
            throw new ArgumentOutOfRangeException(nameof(until), until, "Unknown WaitUntil.");
        }

        if (timeout < TimeSpan.Zero && timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "A wait timeout must not be negative.");
        }

        this.columns = CheckColumns(columns);
        this.Until = until;
        this.Timeout = timeout;
    }

    /// <inheritdoc/>
    public override string Op => "wait";

    /// <inheritdoc/>
    public override string Table { get; }

    /// <summary>The conditions selecting the rows.</summary>
    public IReadOnlyList<OvsdbCondition> Where => this.where;

    /// <summary>The expected rows.</summary>
    public IReadOnlyList<OvsdbRow> Rows => this.rows;

    /// <summary>The compared columns, or null for all.</summary>
    public IReadOnlyList<string>? Columns => this.columns;

    /// <summary>Equality or inequality.</summary>
    public WaitUntil Until { get; }

    /// <summary>The timeout (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for none).</summary>
    public TimeSpan Timeout { get; }

    internal override void WriteMembers(Utf8JsonWriter writer)
    {
        writer.WriteString("table"u8, this.Table);
        WriteWhere(writer, this.where);
        if (this.columns is not null)
        {
            writer.WritePropertyName("columns"u8);
            OvsdbJsonWrite.WriteStrings(writer, this.columns);
        }

        writer.WriteString("until"u8, this.Until == WaitUntil.Equal ? "==" : "!=");
        writer.WritePropertyName("rows"u8);
        OvsdbJsonWrite.WriteRows(writer, this.rows);
        if (this.Timeout != System.Threading.Timeout.InfiniteTimeSpan)
        {
            writer.WriteNumber("timeout"u8, this.Timeout.Ticks / TimeSpan.TicksPerMillisecond);
        }
    }
}
