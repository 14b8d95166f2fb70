namespace OvsNet.Testing;

/// <summary>The outcome of a finished tool run by <see cref="Tools.Run"/>.</summary>
/// <param name="ExitCode">The exit code.</param>
/// <param name="StandardOutput">Everything written to standard output.</param>
/// <param name="StandardError">Everything written to standard error.</param>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError)
{
    /// <summary>Gets a value indicating whether the exit code is 0.</summary>
    public bool Succeeded => this.ExitCode == 0;
}
