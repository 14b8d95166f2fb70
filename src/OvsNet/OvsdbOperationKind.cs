namespace OvsNet;

/// <summary>The <c>op</c> of a <c>transact</c> operation (RFC 7047 §5.2), as an enum a caller can branch on.</summary>
public enum OvsdbOperationKind
{
    /// <summary>An <c>op</c> this library does not know.</summary>
    Unknown,

    /// <summary><c>insert</c> (RFC 7047 §5.2.1).</summary>
    Insert,

    /// <summary><c>select</c> (RFC 7047 §5.2.2).</summary>
    Select,

    /// <summary><c>update</c> (RFC 7047 §5.2.3).</summary>
    Update,

    /// <summary><c>mutate</c> (RFC 7047 §5.2.4).</summary>
    Mutate,

    /// <summary><c>delete</c> (RFC 7047 §5.2.5).</summary>
    Delete,

    /// <summary><c>wait</c> (RFC 7047 §5.2.6); a verification that another client changed the rows fails here.</summary>
    Wait,

    /// <summary><c>commit</c> (RFC 7047 §5.2.7), the operation that asks for a durable commit.</summary>
    Commit,

    /// <summary><c>abort</c> (RFC 7047 §5.2.8).</summary>
    Abort,

    /// <summary><c>comment</c> (RFC 7047 §5.2.9).</summary>
    Comment,

    /// <summary><c>assert</c> (RFC 7047 §5.2.10), which checks that the client holds a lock.</summary>
    Assert,
}
