using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>Writers for conditions and mutations (RFC 7047 §5.1), shared by their converters and the operations.</summary>
internal static class OvsdbJsonOperationWriter
{
    // Pre-quoted names written raw: the default encoder would turn "<" and "+=" into "\u003C" and "\u002B=", which is
    // valid JSON but unreadable in traces and captures.
    private static readonly byte[][] FunctionJson = [.. Enum.GetValues<ConditionFunction>().Select(f => Quote(OvsdbCondition.FunctionName(f)))];
    private static readonly byte[][] MutatorJson = [.. Enum.GetValues<Mutator>().Select(m => Quote(OvsdbMutation.MutatorName(m)))];

    /// <summary>
    /// Writes <paramref name="operation"/> as an argument of an outgoing <c>transact</c> request, in one pass into the
    /// request being written: the same JSON as the operation's converter (<c>"op"</c> first, then its members).
    /// </summary>
    public static void WriteTransactArgument(Utf8JsonWriter writer, OvsdbOperation operation)
    {
        writer.WriteStartObject();
        writer.WriteString("op"u8, operation.Op);
        operation.WriteMembers(writer);
        writer.WriteEndObject();
    }

    public static void WriteCondition(Utf8JsonWriter writer, OvsdbCondition condition)
    {
        if (condition.Constant is bool constant)
        {
            writer.WriteBooleanValue(constant);
            return;
        }

        writer.WriteStartArray();
        writer.WriteStringValue(condition.Column);
        writer.WriteRawValue(FunctionJson[(int)condition.Function], skipInputValidation: true);
        OvsdbJsonWrite.WriteValue(writer, condition.Value);
        writer.WriteEndArray();
    }

    public static void WriteMutation(Utf8JsonWriter writer, OvsdbMutation mutation)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(mutation.Column);
        writer.WriteRawValue(MutatorJson[(int)mutation.Mutator], skipInputValidation: true);
        OvsdbJsonWrite.WriteValue(writer, mutation.Value);
        writer.WriteEndArray();
    }

    private static byte[] Quote(string name) => System.Text.Encoding.UTF8.GetBytes("\"" + name + "\"");
}
