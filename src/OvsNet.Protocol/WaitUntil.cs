namespace OvsNet.Protocol;

/// <summary>The <c>until</c> of a wait operation (RFC 7047 §5.2.6).</summary>
public enum WaitUntil
{
    /// <summary><c>"=="</c>: wait until the selected rows equal the given rows.</summary>
    Equal,

    /// <summary><c>"!="</c>: wait until they differ.</summary>
    NotEqual,
}
