namespace OvsNet.Samples.Mesh;

/// <summary>
/// A progress display: a bar redrawn in place on an interactive console, or a line at every tenth of the work
/// otherwise (redirected output, tests).
/// </summary>
public sealed class Progress
{
    private readonly TextWriter output;
    private readonly string label;
    private readonly int total;
    private readonly bool interactive;
    private readonly SemaphoreSlim gate = new(1, 1);
    private int lastTenth = -1;

    /// <summary>Initializes a new instance of the <see cref="Progress"/> class.</summary>
    /// <param name="output">Where to draw.</param>
    /// <param name="label">What is progressing.</param>
    /// <param name="total">How many items.</param>
    public Progress(TextWriter output, string label, int total)
    {
        this.output = output;
        this.label = label;
        this.total = total;
        this.interactive = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
    }

    /// <summary>Reports that <paramref name="done"/> items are finished.</summary>
    /// <param name="done">How many.</param>
    /// <returns>A task.</returns>
    public async Task ReportAsync(int done)
    {
        await this.gate.WaitAsync().ConfigureAwait(false);
        try
        {
            int tenth = done * 10 / this.total;
            if (this.interactive)
            {
                string bar = new string('#', done * 30 / this.total).PadRight(30, '.');
                await this.output.WriteAsync($"\r   {this.label}: [{bar}] {done}/{this.total} hosts").ConfigureAwait(false);
                if (done == this.total)
                {
                    await this.output.WriteLineAsync().ConfigureAwait(false);
                }
            }
            else if (tenth != this.lastTenth)
            {
                this.lastTenth = tenth;
                await this.output.WriteLineAsync($"   {this.label}: {done}/{this.total} hosts").ConfigureAwait(false);
            }
        }
        finally
        {
            this.gate.Release();
        }
    }
}
