namespace OvsNet.Samples.Hypervisor;

/// <summary>The demo's proofs: each has a claim, a verdict and the evidence printed under it.</summary>
public sealed class ProofLog
{
    private readonly TextWriter output;
    private readonly List<(string Claim, bool Passed)> proofs = [];

    /// <summary>Initializes a new instance of the <see cref="ProofLog"/> class.</summary>
    /// <param name="output">Where proofs are printed as they are decided.</param>
    public ProofLog(TextWriter output) => this.output = output;

    /// <summary>Gets the number of passed proofs.</summary>
    public int Passed => this.proofs.Count(p => p.Passed);

    /// <summary>Gets the number of failed proofs.</summary>
    public int Failed => this.proofs.Count(p => !p.Passed);

    /// <summary>Gets the proofs in order.</summary>
    public IReadOnlyList<(string Claim, bool Passed)> All => this.proofs;

    /// <summary>Records and prints one proof.</summary>
    /// <param name="claim">What is claimed.</param>
    /// <param name="passed">Whether the evidence supports it.</param>
    /// <param name="evidence">The evidence, one line each.</param>
    /// <returns>A task.</returns>
    public async Task RecordAsync(string claim, bool passed, IEnumerable<string> evidence)
    {
        this.proofs.Add((claim, passed));
        await this.output.WriteLineAsync($"  [{(passed ? "PASS" : "FAIL")}] {claim}").ConfigureAwait(false);
        foreach (string line in evidence)
        {
            await this.output.WriteLineAsync("         " + line).ConfigureAwait(false);
        }
    }
}
