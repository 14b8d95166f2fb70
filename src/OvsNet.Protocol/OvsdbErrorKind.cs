namespace OvsNet.Protocol;

/// <summary>
/// The error names of RFC 7047 (§4.1.3, §4.1.4, §5.2) and the ones ovsdb-server 3.1 adds. The wire name of each
/// member is in <see cref="OvsdbErrorNames"/>.
/// </summary>
public enum OvsdbErrorKind
{
    /// <summary>A name this library does not know; the raw string is kept next to it.</summary>
    Unknown,

    /// <summary>"referential integrity violation": a reference to a missing row (at commit).</summary>
    ReferentialIntegrityViolation,

    /// <summary>"constraint violation": a value outside its type's constraints, an index duplicate, max rows, an immutable column.</summary>
    ConstraintViolation,

    /// <summary>"resources exhausted" (RFC 7047 §4.1.3).</summary>
    ResourcesExhausted,

    /// <summary>"I/O error" (RFC 7047 §4.1.3).</summary>
    IOError,

    /// <summary>"duplicate uuid-name": a uuid-name used twice in one transaction.</summary>
    DuplicateUuidName,

    /// <summary>"domain error": a mutation with no defined result (division by zero).</summary>
    DomainError,

    /// <summary>"range error": a mutation result out of range (overflow).</summary>
    RangeError,

    /// <summary>"timed out": a wait whose condition did not hold in time.</summary>
    TimedOut,

    /// <summary>"not supported" (RFC 7047 §4.1.3).</summary>
    NotSupported,

    /// <summary>"aborted": an abort operation.</summary>
    Aborted,

    /// <summary>"not owner": an assert on a lock the client does not hold.</summary>
    NotOwner,

    /// <summary>"canceled": a request cancelled by a cancel notification (RFC 7047 §4.1.4; ovsdb-server 3.1 sends no reply instead).</summary>
    Canceled,

    /// <summary>"syntax error": a malformed request (bad table, bad operation, missing member).</summary>
    SyntaxError,

    /// <summary>"unknown database" (a method-level error).</summary>
    UnknownDatabase,

    /// <summary>"unknown method" (a method-level error).</summary>
    UnknownMethod,

    /// <summary>"unknown column".</summary>
    UnknownColumn,

    /// <summary>"ovsdb error": a generic error, for example duplicate set elements or map keys.</summary>
    OvsdbError,

    /// <summary>"permission error": rejected by role-based access control.</summary>
    PermissionError,

    /// <summary>"duplicate uuid": an insert with an explicit uuid that exists.</summary>
    DuplicateUuid,

    /// <summary>"not leader": a clustered server that cannot serve the request because it is not the leader.</summary>
    NotLeader,

    /// <summary>"internal error".</summary>
    InternalError,

    /// <summary>"cluster error": a clustered database could not commit.</summary>
    ClusterError,

    /// <summary>"unexpected error".</summary>
    UnexpectedError,

    /// <summary>"unknown monitor": monitor_cancel or monitor_cond_change of an unknown monitor id.</summary>
    UnknownMonitor,

    /// <summary>"consistency violation".</summary>
    ConsistencyViolation,

    /// <summary>"database not available": the database exists but cannot be used yet (for example a cluster member still joining).</summary>
    DatabaseNotAvailable,
}
