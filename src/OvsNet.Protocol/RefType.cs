namespace OvsNet.Protocol;

/// <summary>How a uuid column refers to its <c>refTable</c> (RFC 7047 §3.2 <c>refType</c>).</summary>
public enum RefType
{
    /// <summary>"strong": the referenced row must exist, and keeps the row alive (the default).</summary>
    Strong,

    /// <summary>"weak": a reference to a deleted row is removed from the column instead of failing.</summary>
    Weak,
}
