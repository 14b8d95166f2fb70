namespace OvsNet.Protocol;

/// <summary>The RFC 7047 §3.2 atomic types (<c>&lt;atomic-type&gt;</c>).</summary>
public enum OvsdbAtomType
{
    /// <summary>A 64-bit signed integer (<c>"integer"</c>).</summary>
    Integer,

    /// <summary>An IEEE 754 double (<c>"real"</c>).</summary>
    Real,

    /// <summary>A boolean (<c>"boolean"</c>).</summary>
    Boolean,

    /// <summary>A UTF-8 string (<c>"string"</c>).</summary>
    String,

    /// <summary>A UUID (<c>"uuid"</c>); a named-uuid is also of this type.</summary>
    Uuid,
}
