using System.Text.Json;
using System.Text.Json.Serialization;

namespace OvsNet.Protocol.Json;

/// <summary>JSON converter for <see cref="OvsdbMutation"/>: <c>[column, mutator, value]</c>.</summary>
internal sealed class OvsdbMutationConverter : JsonConverter<OvsdbMutation>
{
    /// <inheritdoc/>
    public override OvsdbMutation Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        OvsdbJsonRead.Expect(ref reader, JsonTokenType.StartArray, "a mutation [column, mutator, value]");
        OvsdbJsonRead.Next(ref reader, "a mutation");
        string column = OvsdbJsonRead.ReadString(ref reader, "a mutation's column");
        OvsdbJsonRead.Next(ref reader, "a mutation");
        string name = OvsdbJsonRead.ReadString(ref reader, "a mutation's mutator");
        if (!OvsdbMutation.TryParseMutator(name, out Mutator mutator))
        {
            throw new JsonException($"Unknown mutator \"{name}\" (RFC 7047 §5.1: +=, -=, *=, /=, %=, insert, delete).");
        }

        OvsdbJsonRead.Next(ref reader, "a mutation");
        OvsdbValue value = OvsdbJsonRead.ReadValue(ref reader);
        if (OvsdbJsonRead.Next(ref reader, "a mutation") != JsonTokenType.EndArray)
        {
            throw new JsonException("A mutation has more than three elements.");
        }

        return column.Length == 0 ? throw new JsonException("A mutation's column is empty.") : new OvsdbMutation(column, mutator, value);
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, OvsdbMutation value, JsonSerializerOptions options) =>
        OvsdbJsonOperationWriter.WriteMutation(writer, value);
}
