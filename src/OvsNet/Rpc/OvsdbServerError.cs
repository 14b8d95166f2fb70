using System.Text.Json;

namespace OvsNet.Rpc;

/// <summary>Reads RFC 7047 error values: a string, or an object with <c>error</c> and optional <c>details</c>.</summary>
internal static class OvsdbServerError
{
    /// <summary>Gets the error name and details of an <c>error</c> member.</summary>
    public static (string Error, string? Details) Read(JsonElement error)
    {
        switch (error.ValueKind)
        {
            case JsonValueKind.String:
                return (error.GetString()!, null);
            case JsonValueKind.Object:
                string name = error.TryGetProperty("error", out JsonElement e) && e.ValueKind == JsonValueKind.String
                    ? e.GetString()!
                    : error.GetRawText();
                string? details = error.TryGetProperty("details", out JsonElement d)
                    ? (d.ValueKind == JsonValueKind.String ? d.GetString() : d.GetRawText())
                    : null;
                return (name, details);
            default:
                return (error.GetRawText(), null);
        }
    }

    /// <summary>Gets a one-line description of an <c>error</c> member.</summary>
    public static string Describe(JsonElement error)
    {
        (string name, string? details) = Read(error);
        return details is null ? name : $"{name}: {details}";
    }
}
