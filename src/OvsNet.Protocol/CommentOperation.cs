using System.Text.Json;
using OvsNet.Protocol.Json;

namespace OvsNet.Protocol;

/// <summary>The <c>comment</c> operation (RFC 7047 §5.2.9): text recorded in the database log. Result: <c>{}</c>.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(OvsdbOperationConverter<CommentOperation>))]
public sealed class CommentOperation : OvsdbOperation
{
    /// <summary>Creates a comment.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="comment"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="comment"/> has a lone surrogate or NUL (<see cref="OvsdbAtom.IsValidString"/>).</exception>
    public CommentOperation(string comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        OvsdbStrings.Check(comment, "comment", nameof(comment));
        this.Comment = comment;
    }

    /// <inheritdoc/>
    public override string Op => "comment";

    /// <summary>The comment text.</summary>
    public string Comment { get; }

    internal override void WriteMembers(Utf8JsonWriter writer) => writer.WriteString("comment"u8, this.Comment);
}
