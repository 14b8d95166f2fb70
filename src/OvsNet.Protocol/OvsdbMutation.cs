using System.Text.Json.Serialization;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>A mutation (RFC 7047 §5.1 <c>&lt;mutation&gt;</c>): <c>[column, mutator, value]</c>. Immutable and thread-safe.</summary>
[JsonConverter(typeof(OvsdbMutationConverter))]
public sealed class OvsdbMutation : IEquatable<OvsdbMutation>
{
    /// <summary>Creates <c>[column, mutator, value]</c>.</summary>
    /// <exception cref="ArgumentException"><paramref name="column"/> is null or empty, or has a lone surrogate or NUL.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="mutator"/> is not defined.</exception>
    public OvsdbMutation(string column, Mutator mutator, OvsdbValue value)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        OvsdbStrings.Check(column, "column name", nameof(column));
        if (!System.Enum.IsDefined(mutator))
        {
            throw new ArgumentOutOfRangeException(nameof(mutator), mutator, "Unknown mutator.");
        }

        this.Column = column;
        this.Mutator = mutator;
        this.Value = value;
    }

    /// <summary>The column.</summary>
    public string Column { get; }

    /// <summary>The mutator.</summary>
    public Mutator Mutator { get; }

    /// <summary>The operand.</summary>
    public OvsdbValue Value { get; }

    /// <summary>The wire name of a mutator (<c>"+="</c>, <c>"insert"</c>...).</summary>
    public static string MutatorName(Mutator mutator) => mutator switch
    {
        Mutator.Add => "+=",
        Mutator.Subtract => "-=",
        Mutator.Multiply => "*=",
        Mutator.Divide => "/=",
        Mutator.Modulo => "%=",
        Mutator.Insert => "insert",
        Mutator.Delete => "delete",
        _ => throw new ArgumentOutOfRangeException(nameof(mutator), mutator, "Unknown mutator."),
    };

    /// <summary>Parses a wire mutator name.</summary>
    public static bool TryParseMutator(string? name, out Mutator mutator)
    {
        (bool ok, mutator) = name switch
        {
            "+=" => (true, Mutator.Add),
            "-=" => (true, Mutator.Subtract),
            "*=" => (true, Mutator.Multiply),
            "/=" => (true, Mutator.Divide),
            "%=" => (true, Mutator.Modulo),
            "insert" => (true, Mutator.Insert),
            "delete" => (true, Mutator.Delete),
            _ => (false, default),
        };
        return ok;
    }

    /// <inheritdoc/>
    public bool Equals(OvsdbMutation? other) => other is not null
        && string.Equals(this.Column, other.Column, StringComparison.Ordinal) && this.Mutator == other.Mutator && this.Value.Equals(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OvsdbMutation other && this.Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(this.Column), this.Mutator, this.Value);

    /// <inheritdoc/>
    public override string ToString() => $"{this.Column} {MutatorName(this.Mutator)} {this.Value}";
}
