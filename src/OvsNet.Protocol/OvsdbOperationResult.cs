using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The result of one operation (RFC 7047 §5.2): <c>{"count":n}</c>, <c>{"uuid":..}</c>, <c>{"rows":[..]}</c>, <c>{}</c>,
/// or an error <c>{"error":..,"details":..}</c>. Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(OvsdbOperationResultConverter))]
public sealed class OvsdbOperationResult
{
    /// <summary>The empty result <c>{}</c> (wait, commit, comment, assert).</summary>
    public static OvsdbOperationResult Empty { get; } = new();

    /// <summary>Rows updated, mutated or deleted.</summary>
    public long? Count { get; init; }

    /// <summary>The inserted row's uuid.</summary>
    public OvsdbUuid? Uuid { get; init; }

    /// <summary>The selected rows.</summary>
    public IReadOnlyList<OvsdbRow>? Rows { get; init; }

    /// <summary>The error name (RFC 7047 §4.1.3), kept as sent.</summary>
    public string? Error { get; init; }

    /// <summary>The error's kind; <see cref="OvsdbErrorKind.Unknown"/> for a name this library does not know, or no error.</summary>
    public OvsdbErrorKind ErrorKind => OvsdbErrorNames.Parse(this.Error);

    /// <summary>The human-readable error details, if any.</summary>
    public string? Details { get; init; }

    /// <summary>The offending JSON text ovsdb-server quotes with a syntax error (<c>"syntax"</c>), if any.</summary>
    public string? Syntax { get; init; }

    /// <summary>True when this is an error result.</summary>
    public bool IsError => this.Error is not null;

    /// <summary>Creates an error result.</summary>
    public static OvsdbOperationResult FromError(string error, string? details = null)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new OvsdbOperationResult { Error = error, Details = details };
    }

    /// <summary>A readable form: the error and details, or what the result holds.</summary>
    public override string ToString() => this.IsError
        ? (this.Details is null ? this.Error! : $"{this.Error}: {this.Details}")
        : this.Count is not null ? $"count {this.Count}" : this.Uuid is not null ? $"uuid {this.Uuid}" : this.Rows is not null ? $"{this.Rows.Count} rows" : "{}";
}
