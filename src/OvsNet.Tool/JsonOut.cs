using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using OvsNet.Hypervisor;
using OvsNet.Routing;
using OvsNet.Tool.Specs;
using OvsNet.Vswitch;

namespace OvsNet.Tool;

/// <summary>The <c>--json</c> output: typed results written with <see cref="Utf8JsonWriter"/> (no reflection).</summary>
internal static class JsonOut
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            body(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>One JSON object whose members <paramref name="members"/> writes.</summary>
    public static string Object(Action<Utf8JsonWriter> members) => Write(w =>
    {
        w.WriteStartObject();
        members(w);
        w.WriteEndObject();
    });

    public static void Diagnostics(Utf8JsonWriter w, IReadOnlyList<SpecDiagnostic> diagnostics)
    {
        w.WriteStartArray("diagnostics");
        foreach (SpecDiagnostic d in diagnostics)
        {
            w.WriteStartObject();
            w.WriteString("file", d.File);
            w.WriteNumber("line", d.Line);
            w.WriteNumber("column", d.Column);
            w.WriteString("message", d.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void Plan(Utf8JsonWriter w, HostNetworkPlan plan)
    {
        w.WriteBoolean("empty", plan.IsEmpty);
        w.WriteStartArray("ovs");
        foreach (VswitchChange change in plan.VswitchChanges)
        {
            Change(w, change);
        }

        w.WriteEndArray();
        w.WriteStartArray("pendingDevices");
        foreach (string device in plan.PendingDevices)
        {
            w.WriteStringValue(device);
        }

        w.WriteEndArray();
        Routing(w, "routing", plan.Routing.Changes);
        w.WriteStartArray("ovsRouter");
        foreach (OvsRouteChange change in plan.OvsRouter)
        {
            w.WriteStartObject();
            w.WriteString("action", change.IsAdd ? "add" : "remove");
            w.WriteString("prefix", change.Route.Prefix.ToString());
            w.WriteString("device", change.Route.Device);
            w.WriteString("gateway", change.Route.Gateway?.ToString());
            w.WriteString("text", change.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static void Result(Utf8JsonWriter w, HostNetworkResult result)
    {
        w.WriteBoolean("changed", result.Changed);
        w.WriteStartArray("ovs");
        foreach (VswitchChange change in result.Vswitch.Changes)
        {
            Change(w, change);
        }

        w.WriteEndArray();
        Routing(w, "routing", result.Routing);
        w.WriteStartArray("ovsRouter");
        foreach (OvsRouteChange change in result.OvsRouter)
        {
            w.WriteStringValue(change.ToString());
        }

        w.WriteEndArray();
    }

    public static void Verification(Utf8JsonWriter w, HostNetworkVerification verification)
    {
        w.WriteStartArray("kernel");
        foreach (RouteLookup answer in verification.Kernel)
        {
            w.WriteStartObject();
            w.WriteString("destination", answer.Destination.ToString());
            w.WriteString("gateway", answer.Gateway?.ToString());
            w.WriteNumber("table", answer.Table);
            w.WriteString("source", answer.PreferredSource?.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("ovsRouter");
        foreach (OvsRouteLookup answer in verification.OvsRouter)
        {
            w.WriteStartObject();
            w.WriteString("destination", answer.Destination.ToString());
            w.WriteString("device", answer.Device);
            w.WriteString("gateway", answer.Gateway?.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Change(Utf8JsonWriter w, VswitchChange change)
    {
        w.WriteStartObject();
        w.WriteString("kind", change.Kind.ToString());
        w.WriteString("table", change.Table);
        w.WriteString("name", change.Name);
        w.WriteString("text", change.ToString());
        w.WriteEndObject();
    }

    private static void Routing(Utf8JsonWriter w, string name, IReadOnlyList<PlannedChange> changes)
    {
        w.WriteStartArray(name);
        foreach (PlannedChange change in changes)
        {
            w.WriteStartObject();
            w.WriteString("kind", change.Kind.ToString());
            w.WriteString("text", change.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }
}
