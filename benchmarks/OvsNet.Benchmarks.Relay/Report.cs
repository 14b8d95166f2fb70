using System.Globalization;
using OvsNet.Benchmarks.Runner;

namespace OvsNet.Benchmarks.Relay;

/// <summary>Prints the cases side by side as a Markdown table (one row per figure, one column per case).</summary>
internal static class Report
{
    public static void Print(RelayBenchmarkOptions options, IReadOnlyList<CaseResult> cases)
    {
        Console.WriteLine($"{options.Replicas} replicas of a {options.Rows}-row database; update of {options.Update} rows in one transaction on the leader; at most {options.Concurrency} replicas loading at once; {Environment.ProcessorCount} CPUs, load {Tools.LoadAverage()}");
        Console.WriteLine();
        Console.WriteLine("| figure | " + string.Join(" | ", cases.Select(c => c.Name)) + " |");
        Console.WriteLine("|---|" + string.Concat(cases.Select(_ => "---|")));
        Row("replicas holding the full initial dump", cases, c => $"{c.FullDumps}/{c.Replicas}");
        Row("initial dump: time until all replicas current (s)", cases, c => Seconds(c.DumpTime));
        Row("replicas holding the update", cases, c => $"{c.Updated}/{c.Replicas}");
        Row("update: time until all replicas current (ms)", cases, c => Milliseconds(c.UpdateTime));
        Row("leader CPU, initial dump (ms)", cases, c => Cpu(c.DumpCpu.Leader));
        Row("leader CPU, update (ms)", cases, c => Cpu(c.UpdateCpu.Leader));
        Row("other 2 members' CPU, whole case (ms)", cases, c => Cpu(c.CaseCpu.OtherMembers));
        Row("2 relays' CPU, initial dump (ms)", cases, c => Cpu(c.DumpCpu.Relays));
        Row("2 relays' CPU, update (ms)", cases, c => Cpu(c.UpdateCpu.Relays));
        Row("benchmark process CPU (replicas), whole case (ms)", cases, c => Cpu(c.CaseCpu.Benchmark));
        Row("leader (unchanged through the case)", cases, c => c.Leader + (c.LeaderUnchanged ? "" : " (CHANGED)"));
    }

    private static void Row(string figure, IReadOnlyList<CaseResult> cases, Func<CaseResult, string> value) =>
        Console.WriteLine($"| {figure} | " + string.Join(" | ", cases.Select(value)) + " |");

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("F0", CultureInfo.InvariantCulture);

    private static string Cpu(double ms) => ms.ToString("F0", CultureInfo.InvariantCulture);
}
