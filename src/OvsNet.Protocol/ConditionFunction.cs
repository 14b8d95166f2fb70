namespace OvsNet.Protocol;

/// <summary>RFC 7047 §5.1 <c>&lt;function&gt;</c> of a condition.</summary>
public enum ConditionFunction
{
    /// <summary><c>"&lt;"</c> (integer, real, or optional numeric columns).</summary>
    LessThan,

    /// <summary><c>"&lt;="</c>.</summary>
    LessThanOrEqual,

    /// <summary><c>"=="</c>.</summary>
    Equal,

    /// <summary><c>"!="</c>.</summary>
    NotEqual,

    /// <summary><c>"&gt;="</c>.</summary>
    GreaterThanOrEqual,

    /// <summary><c>"&gt;"</c>.</summary>
    GreaterThan,

    /// <summary><c>"includes"</c>: the column's set or map contains the given elements.</summary>
    Includes,

    /// <summary><c>"excludes"</c>: the column's set or map contains none of the given elements.</summary>
    Excludes,
}
