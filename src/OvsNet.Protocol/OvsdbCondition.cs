using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>
/// A condition of a <c>where</c> clause (RFC 7047 §5.1 <c>&lt;condition&gt;</c>): <c>[column, function, value]</c>, or
/// the bare <c>true</c>/<c>false</c> that ovsdb-server also accepts (ovsdb-server(7) §5.1). Immutable and thread-safe.
/// </summary>
[JsonConverter(typeof(OvsdbConditionConverter))]
public sealed class OvsdbCondition : IEquatable<OvsdbCondition>
{
    private readonly bool? constant;

    /// <summary>Creates <c>[column, function, value]</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="column"/> is null or empty, or has a lone surrogate or NUL.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="function"/> is not defined.</exception>
    public OvsdbCondition(string column, ConditionFunction function, OvsdbValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        OvsdbStrings.Check(column, "column name", nameof(column));
        if (!System.Enum.IsDefined(function))
        {
            throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown condition function.");
        }

        this.Column = column;
        this.Function = function;
        this.Value = value;
    }

    private OvsdbCondition(bool constant)
    {
        this.constant = constant;
        this.Column = string.Empty;
    }

    /// <summary>The condition that always holds (JSON <c>true</c>).</summary>
    public static OvsdbCondition True { get; } = new(true);

    /// <summary>The condition that never holds (JSON <c>false</c>); a monitor_cond with it selects no rows.</summary>
    public static OvsdbCondition False { get; } = new(false);

    /// <summary>The column, or empty for <see cref="True"/>/<see cref="False"/>.</summary>
    public string Column { get; }

    /// <summary>The function (meaningless for a constant).</summary>
    public ConditionFunction Function { get; }

    /// <summary>The value compared against (meaningless for a constant).</summary>
    public OvsdbValue Value { get; }

    /// <summary>The constant for <see cref="True"/>/<see cref="False"/>, or null for a real condition.</summary>
    public bool? Constant => this.constant;

    /// <summary><c>[column, "==", value]</c>.</summary>
    public static OvsdbCondition Equal(string column, OvsdbValue value) => new(column, ConditionFunction.Equal, value);

    /// <summary><c>[column, "!=", value]</c>.</summary>
    public static OvsdbCondition NotEqual(string column, OvsdbValue value) => new(column, ConditionFunction.NotEqual, value);

    /// <summary><c>[column, "includes", value]</c>.</summary>
    public static OvsdbCondition Includes(string column, OvsdbValue value) => new(column, ConditionFunction.Includes, value);

    /// <summary><c>[column, "excludes", value]</c>.</summary>
    public static OvsdbCondition Excludes(string column, OvsdbValue value) => new(column, ConditionFunction.Excludes, value);

    /// <summary><c>["_uuid", "==", ["uuid", uuid]]</c>.</summary>
    public static OvsdbCondition UuidIs(OvsdbUuid uuid) => new(OvsdbRow.UuidColumn, ConditionFunction.Equal, uuid);

    /// <summary><c>["_uuid", "==", ["named-uuid", name]]</c>, for a row inserted earlier in the same transaction.</summary>
    public static OvsdbCondition UuidIs(OvsdbNamedUuid name) => new(OvsdbRow.UuidColumn, ConditionFunction.Equal, name);

    /// <summary>The wire name of a function (<c>"=="</c>, <c>"includes"</c>...).</summary>
    public static string FunctionName(ConditionFunction function) => function switch
    {
        ConditionFunction.LessThan => "<",
        ConditionFunction.LessThanOrEqual => "<=",
        ConditionFunction.Equal => "==",
        ConditionFunction.NotEqual => "!=",
        ConditionFunction.GreaterThanOrEqual => ">=",
        ConditionFunction.GreaterThan => ">",
        ConditionFunction.Includes => "includes",
        ConditionFunction.Excludes => "excludes",
        _ => throw new ArgumentOutOfRangeException(nameof(function), function, "Unknown condition function."),
    };

    /// <summary>Parses a wire function name.</summary>
    public static bool TryParseFunction(string? name, out ConditionFunction function)
    {
        (bool ok, function) = name switch
        {
            "<" => (true, ConditionFunction.LessThan),
            "<=" => (true, ConditionFunction.LessThanOrEqual),
            "==" => (true, ConditionFunction.Equal),
            "!=" => (true, ConditionFunction.NotEqual),
            ">=" => (true, ConditionFunction.GreaterThanOrEqual),
            ">" => (true, ConditionFunction.GreaterThan),
            "includes" => (true, ConditionFunction.Includes),
            "excludes" => (true, ConditionFunction.Excludes),
            _ => (false, default),
        };
        return ok;
    }

    /// <inheritdoc/>
    public bool Equals(OvsdbCondition? other) => other is not null && this.constant == other.constant
        && string.Equals(this.Column, other.Column, StringComparison.Ordinal) && this.Function == other.Function && this.Value.Equals(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbCondition other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(this.constant, StringComparer.Ordinal.GetHashCode(this.Column), this.Function, this.Value);

    /// <inheritdoc/>
    public override string ToString() => this.constant switch
    {
        true => "true",
        false => "false",
        null => $"{this.Column} {FunctionName(this.Function)} {this.Value}",
    };
}
