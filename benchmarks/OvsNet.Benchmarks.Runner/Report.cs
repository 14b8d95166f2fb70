using System.Globalization;
using System.Text;

namespace OvsNet.Benchmarks.Runner;

/// <summary>Medians per (workload, N, client), ratios to the floor and the Python IDL, and the issue's targets.</summary>
internal sealed class Report
{
    private readonly List<Row> rows;
    private readonly List<Target> targets;
    private readonly RunnerOptions options;
    private readonly MachineInfo machine;
    private readonly string loadStart;
    private readonly string loadEnd;
    private readonly TimeSpan elapsed;

    public Report(IReadOnlyList<CaseRecord> records, RunnerOptions options, MachineInfo machine, string loadStart, string loadEnd, TimeSpan elapsed)
    {
        this.options = options;
        this.machine = machine;
        this.loadStart = loadStart;
        this.loadEnd = loadEnd;
        this.elapsed = elapsed;
        this.rows = [.. records.GroupBy(r => (r.Workload, r.N, r.Client)).Select(g => Row.From([.. g]))];
        foreach (Row row in this.rows)
        {
            Row? floor = this.Find(row.Workload, row.N, "floor");
            Row? python = this.Find(row.Workload, row.N, "python");
            bool latency = row.Workload.StartsWith("latency", StringComparison.Ordinal);
            row.VsFloor = Ratio(latency ? row.P50 : row.Median, latency ? floor?.P50 : floor?.Median);
            row.PythonOver = Ratio(latency ? python?.P50 : python?.Median, latency ? row.P50 : row.Median);
        }

        this.targets = this.ComputeTargets();
    }

    public string RenderTable()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{"workload",-15} {"N",6} {"client",-10} {"reps",4} {"median ms",11} {"per s",10} {"srv cpu ms",10} {"cli cpu ms",10} {"x floor",8} {"py / x",8} {"p50 us",9} {"p99 us",9} {"peak MB",8} {"B/row",7} {"kept B/row",10} {"alloc MB",8}  note");
        foreach (Row r in this.Ordered())
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"{r.Workload,-15} {r.N,6} {r.Client,-10} {r.Reps,4} {F(r.Median, "F1"),11} {F(r.PerSecond, "F0"),10} {F(r.ServerCpu, "F0"),10} {F(r.ClientCpu, "F0"),10} {F(r.VsFloor, "F2"),8} {F(r.PythonOver, "F1"),8} {F(r.P50, "F0"),9} {F(r.P99, "F0"),9} {F(r.PeakMb, "F1"),8} {F(r.BytesPerRow, "F0"),7} {F(r.RetainedBytesPerRow, "F0"),10} {F(r.AllocatedKb / 1024.0, "F1"),8}  {r.Note}");
        }

        return sb.ToString();
    }

    public string RenderTargets()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"targets (same run, N = {this.TargetN}; x floor = time / floor time, py / x = Python IDL time / this time; INFO = shown for context, not a target):");
        foreach (Target t in this.targets)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {t.Verdict,-4}  {t.Name,-68} {t.Actual}");
        }

        return sb.ToString();
    }

    public string RenderCsv()
    {
        var sb = new StringBuilder();
        sb.AppendLine("workload,n,client,reps,median_ms,min_ms,max_ms,per_s,server_cpu_ms,client_cpu_ms,vs_floor,python_over,p50_us,p99_us,cold_ms,peak_kb,baseline_kb,managed_kb,allocated_kb,rows,bytes_per_row,load1,status,note,retained_kb,retained_bytes_per_row");
        foreach (Row r in this.Ordered())
        {
            sb.AppendLine(string.Join(',',
                r.Workload, I(r.N), r.Client, I(r.Reps), C(r.Median), C(r.Min), C(r.Max), C(r.PerSecond), C(r.ServerCpu), C(r.ClientCpu), C(r.VsFloor), C(r.PythonOver),
                C(r.P50), C(r.P99), C(r.Cold), C(r.PeakKb), C(r.BaselineKb), C(r.ManagedKb), C(r.AllocatedKb), C(r.Rows), C(r.BytesPerRow), r.Load, r.Status, Q(r.Note),
                C(r.RetainedKb), C(r.RetainedBytesPerRow)));
        }

        return sb.ToString();
    }

    public string RenderTargetsCsv()
    {
        var sb = new StringBuilder("target,n,verdict,actual\n");
        foreach (Target t in this.targets)
        {
            sb.AppendLine(string.Join(',', Q(t.Name), I(this.TargetN), t.Verdict, Q(t.Actual)));
        }

        return sb.ToString();
    }

    public string RenderMarkdown()
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"{this.machine.Describe().Replace("\n", "; ", StringComparison.Ordinal)}  ");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Transport: {(this.options.Tcp ? "TCP 127.0.0.1" : "unix socket")}; reps {this.options.Reps}; latency calls {this.options.Calls}; load average {this.loadStart} at start, {this.loadEnd} at end; {this.elapsed.TotalMinutes:F0} min.");
        sb.AppendLine();
        sb.AppendLine("| workload | N | client | median ms | per s | server CPU ms | client CPU ms | x floor | Python / x | p50 µs | p99 µs | peak MB | B/row | kept B/row | alloc MB | note |");
        sb.AppendLine("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (Row r in this.Ordered())
        {
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {r.Workload} | {r.N} | {r.Client} | {F(r.Median, "F1")} | {F(r.PerSecond, "F0")} | {F(r.ServerCpu, "F0")} | {F(r.ClientCpu, "F0")} | {F(r.VsFloor, "F2")} | {F(r.PythonOver, "F1")} | {F(r.P50, "F0")} | {F(r.P99, "F0")} | {F(r.PeakMb, "F1")} | {F(r.BytesPerRow, "F0")} | {F(r.RetainedBytesPerRow, "F0")} | {F(r.AllocatedKb / 1024.0, "F1")} | {r.Note?.Replace("|", "/", StringComparison.Ordinal)} |");
        }

        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Targets at N = {this.TargetN}:");
        sb.AppendLine();
        sb.AppendLine("| verdict | target | actual |");
        sb.AppendLine("|---|---|---|");
        foreach (Target t in this.targets)
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"| {t.Verdict} | {t.Name} | {t.Actual} |");
        }

        return sb.ToString();
    }

    private int TargetN => this.options.Sizes.Max();

    private IEnumerable<Row> Ordered() => this.rows
        .OrderBy(r => Array.IndexOf(RunnerOptions.AllWorkloads, r.Workload))
        .ThenBy(r => r.N)
        .ThenBy(r => Array.IndexOf(RunnerOptions.AllClients, r.Client));

    private Row? Find(string workload, int n, string client) =>
        this.rows.FirstOrDefault(r => r.Workload == workload && r.N == n && r.Client == client && r.Median is not null);

    private List<Target> ComputeTargets()
    {
        int n = this.TargetN;
        int calls = this.options.Calls;
        double? M(string w, string c, int size) => this.Find(w, size, c)?.Median;
        double? P50(string w, string c) => this.Find(w, calls, c)?.P50;
        double? PerRow(string c) => this.Find("sync", n, c)?.BytesPerRow;
        double? KeptPerRow(string c) => this.Find("sync", n, c)?.RetainedBytesPerRow;
        return
        [
            Target.AtMost("bulk: OvsNet at most 1.25x the floor", Ratio(M("bulk", "ovsnet", n), M("bulk", "floor", n)), 1.25, "x"),
            Target.AtLeast("bulk: OvsNet at least 5x faster than the Python IDL", Ratio(M("bulk", "python", n), M("bulk", "ovsnet", n)), 5, "x"),
            Target.AtMost("churn: OvsNet sequential at most 1.3x the floor", Ratio(M("churn", "ovsnet", n), M("churn", "floor", n)), 1.3, "x"),
            Target.AtLeast("churn: OvsNet at least 3x faster than the Python IDL", Ratio(M("churn", "python", n), M("churn", "ovsnet", n)), 3, "x"),
            Target.AtLeast("pipelined: OvsNet at least 2x the floor's sequential rate", Ratio(M("churn", "floor", n), M("pipelined", "ovsnet", n)), 2, "x"),
            Target.AtMost("sync: OvsNet at most 2x the floor", Ratio(M("sync", "ovsnet", n), M("sync", "floor", n)), 2, "x"),
            Target.AtLeast("sync: OvsNet at least 10x faster than the Python IDL", Ratio(M("sync", "python", n), M("sync", "ovsnet", n)), 10, "x"),
            Target.AtMost("sync: OvsNet memory/row at most 1/3 of the Python IDL's (retained)", Ratio(KeptPerRow("ovsnet"), KeptPerRow("python")), 1.0 / 3, "x",
                Versus(KeptPerRow("ovsnet"), KeptPerRow("python"), "kept B/row")),
            Target.Info("sync: OvsNet peak memory/row vs the Python IDL's (peak RSS)", Ratio(PerRow("ovsnet"), PerRow("python")), "x",
                Versus(PerRow("ovsnet"), PerRow("python"), "peak B/row")),
            Target.AtMost("latency: OvsNet echo p50 at most 1.5x the floor", Ratio(P50("latency-echo", "ovsnet"), P50("latency-echo", "floor")), 1.5, "x"),
            Target.AtMost("latency: OvsNet select p50 at most 1.5x the floor", Ratio(P50("latency-select", "ovsnet"), P50("latency-select", "floor")), 1.5, "x"),
        ];
    }

    private static double? Ratio(double? a, double? b) => a is double x && b is double y && y > 0 ? x / y : null;

    /// <summary>" (a vs b unit)" when both are measured, else empty: the figures behind a ratio.</summary>
    private static string Versus(double? a, double? b, string unit) =>
        a is double x && b is double y ? string.Create(CultureInfo.InvariantCulture, $" ({x:F0} vs {y:F0} {unit})") : "";

    private static string F(double? v, string format) => v is double d ? d.ToString(format, CultureInfo.InvariantCulture) : "-";

    private static string C(double? v) => v is double d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "";

    private static string C(long? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string C(int? v) => v?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string I(int v) => v.ToString(CultureInfo.InvariantCulture);

    private static string Q(string? s) => s is null ? "" : "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private sealed record Target(string Name, string Verdict, string Actual)
    {
        public static Target AtMost(string name, double? value, double limit, string unit, string extra = "") =>
            new(name, value is null ? "n/a" : value <= limit ? "PASS" : "MISS", value is double v ? $"{v:F2}{unit} (limit {limit:0.##}{unit}){extra}" : "not measured");

        public static Target AtLeast(string name, double? value, double limit, string unit) =>
            new(name, value is null ? "n/a" : value >= limit ? "PASS" : "MISS", value is double v ? $"{v:F2}{unit} (needs {limit:0.##}{unit})" : "not measured");

        /// <summary>A figure shown beside the targets for context, verdict INFO: not a target, never PASS or MISS.</summary>
        public static Target Info(string name, double? value, string unit, string extra = "") =>
            new(name, "INFO", value is double v ? string.Create(CultureInfo.InvariantCulture, $"{v:F2}{unit}{extra}") : "not measured");
    }

    private sealed class Row
    {
        public required string Workload { get; init; }

        public required int N { get; init; }

        public required string Client { get; init; }

        public int Reps { get; init; }

        public double? Median { get; init; }

        public double? Min { get; init; }

        public double? Max { get; init; }

        public double? PerSecond { get; init; }

        public double? ServerCpu { get; init; }

        public double? ClientCpu { get; init; }

        public double? P50 { get; init; }

        public double? P99 { get; init; }

        public double? Cold { get; init; }

        public long? PeakKb { get; init; }

        public long? BaselineKb { get; init; }

        public long? ManagedKb { get; init; }

        public long? RetainedKb { get; init; }

        public long? AllocatedKb { get; init; }

        public int? Rows { get; init; }

        public double? BytesPerRow { get; init; }

        public double? RetainedBytesPerRow { get; init; }

        public double? PeakMb => this.PeakKb is long p && this.BaselineKb is long b ? (p - b) / 1024.0 : null;

        public required string Load { get; init; }

        public required string Status { get; init; }

        public string? Note { get; init; }

        public double? VsFloor { get; set; }

        public double? PythonOver { get; set; }

        public static Row From(IReadOnlyList<CaseRecord> reps)
        {
            CaseRecord first = reps[0];
            Measurement[] ok = [.. reps.Where(r => r.Measurement is not null).Select(r => r.Measurement!)];
            string? error = reps.FirstOrDefault(r => r.Error is not null)?.Error;
            string? note = string.Join("; ", new[] { reps.Select(r => r.Note).FirstOrDefault(x => x is not null), error }.Where(x => x is not null));
            double? median = MedianOf(ok.Select(m => m.Milliseconds));
            int items = first.Workload == "sync" ? (int)(MedianOf(ok.Where(m => m.Rows is not null).Select(m => (double)m.Rows!.Value)) ?? 0) : first.N;
            bool latency = first.Workload.StartsWith("latency", StringComparison.Ordinal);
            return new Row
            {
                Workload = first.Workload,
                N = first.N,
                Client = first.Client,
                Reps = ok.Length,
                Median = median,
                Min = ok.Length > 0 ? ok.Min(m => m.Milliseconds) : null,
                Max = ok.Length > 0 ? ok.Max(m => m.Milliseconds) : null,
                PerSecond = median is double ms && ms > 0 && items > 0 ? items * 1000.0 / ms : null,
                ServerCpu = MedianOf(ok.Select(m => m.ServerCpuMilliseconds)),
                ClientCpu = MedianOf(ok.Where(m => m.ClientCpuMilliseconds is not null).Select(m => m.ClientCpuMilliseconds!.Value)),
                P50 = latency ? MedianOf(ok.Select(m => Percentile(m.LatencyMicroseconds!, 0.50))) : null,
                P99 = latency ? MedianOf(ok.Select(m => Percentile(m.LatencyMicroseconds!, 0.99))) : null,
                Cold = MedianOf(ok.Where(m => m.ColdMilliseconds is not null).Select(m => m.ColdMilliseconds!.Value)),
                PeakKb = (long?)MedianOf(ok.Where(m => m.PeakKb is not null).Select(m => (double)m.PeakKb!.Value)),
                BaselineKb = (long?)MedianOf(ok.Where(m => m.BaselineKb is not null).Select(m => (double)m.BaselineKb!.Value)),
                ManagedKb = (long?)MedianOf(ok.Where(m => m.ManagedKb is not null).Select(m => (double)m.ManagedKb!.Value)),
                RetainedKb = (long?)MedianOf(ok.Where(m => m.RetainedKb is not null).Select(m => (double)m.RetainedKb!.Value)),
                AllocatedKb = (long?)MedianOf(ok.Where(m => m.AllocatedKb is not null).Select(m => (double)m.AllocatedKb!.Value)),
                Rows = first.Workload == "sync" && items > 0 ? items : null,
                BytesPerRow = MedianOf(ok.Where(m => m.MemoryPerRowBytes is not null).Select(m => m.MemoryPerRowBytes!.Value)),
                RetainedBytesPerRow = MedianOf(ok.Where(m => m.RetainedPerRowBytes is not null).Select(m => m.RetainedPerRowBytes!.Value)),
                Load = reps[^1].Load.Split(' ')[0],
                Status = error is null ? "ok" : ok.Length > 0 ? "partial" : error.StartsWith("timeout", StringComparison.Ordinal) ? "timeout" : "failed",
                Note = note.Length == 0 ? null : note,
            };
        }

        private static double? MedianOf(IEnumerable<double> values)
        {
            double[] v = [.. values.Order()];
            return v.Length == 0 ? null : v.Length % 2 == 1 ? v[v.Length / 2] : (v[(v.Length / 2) - 1] + v[v.Length / 2]) / 2;
        }

        private static double Percentile(double[] samples, double p)
        {
            double[] v = [.. samples.Order()];
            int index = (int)Math.Ceiling(p * v.Length) - 1;
            return v[Math.Clamp(index, 0, v.Length - 1)];
        }
    }
}
