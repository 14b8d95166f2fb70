using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// One <c>&lt;monitor-request&gt;</c> (RFC 7047 §4.1.5) or <c>&lt;monitor-cond-request&gt;</c> (ovsdb-server(7) §4.1.12)
/// for a table. A monitor's requests are an <c>IReadOnlyDictionary&lt;string, IReadOnlyList&lt;MonitorRequest&gt;&gt;</c>
/// (table name to requests). Immutable once built, and thread-safe.
/// </summary>
[JsonConverter(typeof(MonitorRequestConverter))]
public sealed class MonitorRequest
{
    /// <summary>The columns to monitor, or null for all.</summary>
    public IReadOnlyList<string>? Columns
    {
        get;
        init => field = value is null ? null
            : value.Any(string.IsNullOrEmpty) ? throw new ArgumentException("A monitored column name is null or empty.", nameof(value))
            : [.. value];
    }

    /// <summary>Which changes to report, or null for the default (all).</summary>
    public MonitorSelect? Select { get; init; }

    /// <summary>The conditions rows must meet (<c>monitor_cond</c> and <c>monitor_cond_since</c> only), or null for all rows.</summary>
    public IReadOnlyList<OvsdbCondition>? Where
    {
        get;
        init => field = value is null ? null
            : value.Any(c => c is null) ? throw new ArgumentException("The where clause contains a null condition.", nameof(value))
            : [.. value];
    }
}
