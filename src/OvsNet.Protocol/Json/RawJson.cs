using System.Runtime.InteropServices;
using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>Runs the streaming readers over a <see cref="JsonElement"/>'s UTF-8 bytes without re-serializing it.</summary>
internal static class RawJson
{
    public delegate T ReadFunc<out T>(ref Utf8JsonReader reader);

    /// <summary>Runs <paramref name="read"/> over one JSON value in UTF-8 (nothing may follow it but whitespace).</summary>
    public static T Read<T>(ReadOnlySpan<byte> utf8Json, ReadFunc<T> read)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read())
        {
            throw new JsonException("The JSON text is empty.");
        }

        T value = read(ref reader);
        if (reader.Read())
        {
            throw new JsonException($"The JSON text continues after its value ({reader.TokenType}).");
        }

        return value;
    }

    public static T Read<T>(JsonElement element, ReadFunc<T> read)
    {
        if (element.ValueKind == JsonValueKind.Undefined)
        {
            throw new JsonException("The JSON element is undefined (a default JsonElement).");
        }

        // JsonMarshal gives the element's own bytes: no copy, no JsonDocument round trip (large monitor replies).
        var reader = new Utf8JsonReader(JsonMarshal.GetRawUtf8Value(element));
        reader.Read();
        return read(ref reader);
    }
}
