using System.Runtime.InteropServices;
using System.Text.Json;

namespace OvsNet.Protocol.Json;

/// <summary>Runs the streaming readers over a <see cref="JsonElement"/>'s UTF-8 bytes without re-serializing it.</summary>
internal static class RawJson
{
    public delegate T ReadFunc<out T>(ref Utf8JsonReader reader);

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
