using System.Text.Json;
using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// The result of a <c>transact</c> (RFC 7047 §4.1.3): one entry per operation, <c>null</c> after the first failure,
/// and possibly one extra trailing error when the commit itself failed (referential integrity, index uniqueness).
/// Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Deserializing with <see cref="JsonSerializer"/> cannot know how many operations were sent, so it treats every
/// element as an operation result; use <see cref="Parse(System.Text.Json.JsonElement, int)"/> with the operation count to separate a commit error.
/// </remarks>
[JsonConverter(typeof(OvsdbTransactResultConverter))]
public sealed class OvsdbTransactResult
{
    private readonly OvsdbOperationResult?[] results;

    /// <summary>Creates a result from its parts.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is null.</exception>
    public OvsdbTransactResult(IReadOnlyList<OvsdbOperationResult?> results, OvsdbOperationResult? commitError = null)
    {
        ArgumentNullException.ThrowIfNull(results);
        this.results = [.. results];
        this.CommitError = commitError;
        int index = Array.FindIndex(this.results, r => r is { IsError: true });
        this.FailedIndex = index >= 0 ? index : commitError is { IsError: true } ? this.results.Length : null;
    }

    /// <summary>One entry per operation; null for operations after the first failure.</summary>
    public IReadOnlyList<OvsdbOperationResult?> Results => this.results;

    /// <summary>The trailing extra element, present when the commit failed after every operation succeeded.</summary>
    public OvsdbOperationResult? CommitError { get; }

    /// <summary>The index of the first failing operation, the operation count for a commit error, or null on success.</summary>
    public int? FailedIndex { get; }

    /// <summary>True when every operation and the commit succeeded.</summary>
    public bool Succeeded => this.FailedIndex is null;

    /// <summary>The error that failed the transaction (an operation's or the commit's), or null.</summary>
    public OvsdbOperationResult? Error => this.FailedIndex is int i ? (i < this.results.Length ? this.results[i] : this.CommitError) : null;

    /// <summary>Parses the <c>result</c> of a <c>transact</c> reply.</summary>
    /// <param name="result">The JSON array.</param>
    /// <param name="operationCount">How many operations the request had.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operationCount"/> is negative.</exception>
    /// <exception cref="JsonException">The JSON is not an array of results or has more than one extra element.</exception>
    public static OvsdbTransactResult Parse(JsonElement result, int operationCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(operationCount);
        return RawJson.Read(result, (ref Utf8JsonReader reader) => Read(ref reader, operationCount));
    }

    /// <summary>Reads a transact result from UTF-8 JSON text (one value), without building a JSON document.</summary>
    /// <param name="utf8Json">The <c>result</c> of a transact reply.</param>
    /// <param name="operationCount">The number of operations sent.</param>
    /// <returns>The result.</returns>
    /// <exception cref="JsonException">The text is not valid JSON or not a transact result.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="operationCount"/> is negative.</exception>
    public static OvsdbTransactResult Parse(ReadOnlySpan<byte> utf8Json, int operationCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(operationCount);
        return RawJson.Read(utf8Json, (ref Utf8JsonReader reader) => Read(ref reader, operationCount));
    }

    internal static OvsdbTransactResult Read(ref Utf8JsonReader reader, int? operationCount)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartArray, "the transact result array");
        var elements = new List<OvsdbOperationResult?>(operationCount ?? 4);
        while (OvsdbJsonRead.Next(ref reader, "the transact result") != JsonTokenType.EndArray)
        {
            elements.Add(reader.TokenType == JsonTokenType.Null ? null : OvsdbOperationResultConverter.ReadResult(ref reader));
        }

        int count = operationCount ?? elements.Count;
        if (elements.Count > count + 1)
        {
            throw new JsonException($"The transact result has {elements.Count} elements for {count} operations (at most one extra, the commit error, is allowed).");
        }

        OvsdbOperationResult? commitError = elements.Count > count ? elements[count] : null;

        // A result shorter than the request (not sent by ovsdb-server 3.1, but harmless) leaves the rest null.
        var results = new OvsdbOperationResult?[count];
        for (int i = 0; i < count && i < elements.Count; i++)
        {
            results[i] = elements[i];
        }

        return new OvsdbTransactResult(results, commitError);
    }

    /// <summary>A readable summary.</summary>
    public override string ToString() => this.Succeeded ? $"succeeded ({this.results.Length} operations)" : $"failed at {this.FailedIndex}: {this.Error}";
}
