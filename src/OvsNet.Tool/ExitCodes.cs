namespace OvsNet.Tool;

/// <summary>The exit codes scripts rely on (docs/tool.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done, and nothing to do or nothing changed (also: valid, verified).</summary>
    public const int Ok = 0;

    /// <summary>An error: invalid input, a refusal, a failure (nothing half-done is left: the library rolls back).</summary>
    public const int Error = 1;

    /// <summary>Changes were planned (plan) or made (apply, remove, ovs-vsctl verbs).</summary>
    public const int Changes = 2;
}
