namespace OvsNet.Protocol;

/// <summary>RFC 7047 §5.1 <c>&lt;mutator&gt;</c> of a mutation.</summary>
public enum Mutator
{
    /// <summary><c>"+="</c>.</summary>
    Add,

    /// <summary><c>"-="</c>.</summary>
    Subtract,

    /// <summary><c>"*="</c>.</summary>
    Multiply,

    /// <summary><c>"/="</c> (division by zero is a "domain error").</summary>
    Divide,

    /// <summary><c>"%="</c> (integers only).</summary>
    Modulo,

    /// <summary><c>"insert"</c>: add elements to a set or pairs to a map (existing map keys are left alone).</summary>
    Insert,

    /// <summary><c>"delete"</c>: remove elements from a set, or from a map by key (a set of keys) or by pair (a map).</summary>
    Delete,
}
