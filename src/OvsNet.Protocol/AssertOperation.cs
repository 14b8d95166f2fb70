using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>assert</c> operation (RFC 7047 §5.2.10): fails with "not owner" unless the client holds the lock. Result: <c>{}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<AssertOperation>))]
public sealed class AssertOperation : OvsdbOperation
{
    /// <summary>Creates an assert.</summary>
    /// <exception cref="ArgumentException"><paramref name="lockName"/> is null or empty, or has a lone surrogate or NUL.</exception>
    public AssertOperation(string lockName)
    {
        ArgumentException.ThrowIfNullOrEmpty(lockName);
        OvsdbStrings.Check(lockName, "lock name", nameof(lockName));
        this.LockName = lockName;
    }

    /// <inheritdoc/>
    public override string Op => "assert";

    /// <summary>The lock name (JSON member <c>"lock"</c>).</summary>
    public string LockName { get; }

    internal override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString("lock"u8, this.LockName);
}
