using System.Text.Json;
using System.Text.Json.Serialization;
using OvsNet.Protocol;
using OvsNet.Protocol.Json;

namespace OvsNet.Rpc;

/// <summary>
/// One <c>transact</c> operation as a request argument: StreamJsonRpc's formatter writes it straight into the outgoing
/// message, exactly as <see cref="OvsdbOperation"/>'s own converter does (<c>"op"</c> first, then the members), so the
/// operations are serialized once, with no intermediate <see cref="JsonElement"/>.
/// </summary>
/// <remarks>
/// The wrapper exists because the formatter serializes an argument by its runtime type, and the converter attribute of
/// a subclass (for example <see cref="InsertOperation"/>) would not be the base type's. Immutable and thread-safe.
/// </remarks>
[JsonConverter(typeof(Converter))]
internal sealed class OperationArgument
{
    /// <summary>Initializes a new instance of the <see cref="OperationArgument"/> class.</summary>
    /// <param name="operation">The operation to write.</param>
    public OperationArgument(OvsdbOperation operation) => this.Operation = operation;

    /// <summary>Gets the operation.</summary>
    public OvsdbOperation Operation { get; }

    /// <summary>Writes the operation; never reads (inbound messages are decoded by the client).</summary>
    private sealed class Converter : JsonConverter<OperationArgument>
    {
        /// <inheritdoc/>
        public override OperationArgument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
            => throw new NotSupportedException("Operation arguments are only written.");

        /// <inheritdoc/>
        public override void Write(Utf8JsonWriter writer, OperationArgument value, JsonSerializerOptions options)
        {
            OvsdbJsonOperationWriter.WriteTransactArgument(writer, value.Operation);
        }
    }
}
