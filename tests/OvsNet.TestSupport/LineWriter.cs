using System.Text;

namespace OvsNet.TestSupport;

/// <summary>A thread-safe writer that keeps whole lines: the output of a sample run in-process, read while it runs.</summary>
public sealed class LineWriter : TextWriter
{
    private readonly Lock gate = new();
    private readonly StringBuilder current = new();
    private readonly List<string> lines = [];

    /// <inheritdoc/>
    public override Encoding Encoding => Encoding.UTF8;

    /// <summary>Gets the lines completed so far.</summary>
    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (this.gate)
            {
                return [.. this.lines];
            }
        }
    }

    /// <inheritdoc/>
    public override void Write(char value)
    {
        lock (this.gate)
        {
            if (value == '\n')
            {
                this.lines.Add(this.current.ToString().TrimEnd('\r'));
                this.current.Clear();
            }
            else
            {
                this.current.Append(value);
            }
        }
    }
}
