using System.Globalization;

namespace OvsNet.Benchmarks.Runner;

/// <summary>Command-line options (see <see cref="Usage"/>).</summary>
internal sealed class RunnerOptions
{
    public const string Usage = """
        OvsNet.Benchmarks.Runner [options]    (normally: bash scripts/bench.sh [options])
          --n 100,1000,10000        port counts N (default 100,1000,10000)
          --reps 3                  repetitions per case; medians are reported (default 3)
          --tcp                     clients connect over TCP 127.0.0.1 instead of the unix socket
          --clients LIST            ovsnet,ovsnet-mon,floor,python,vsctl (default all; ovsnet-mon runs sync only)
          --workloads LIST          bulk,churn,pipelined,sync,latency-echo,latency-select (default all)
          --calls 1000              calls per latency measurement (default 1000)
          --case-timeout 600        seconds per case (one client, workload, N, repetition) before it is abandoned
          --slow-case 120           seconds: a client whose first repetition took longer runs no more repetitions at that N
          --out DIR                 where results.csv, targets.csv and results.md go (default .tmp/bench)
          --no-warmup               skip the untimed in-process warm-up pass
        """;

    public static readonly string[] AllClients = ["ovsnet", "ovsnet-mon", "floor", "python", "vsctl"];
    public static readonly string[] AllWorkloads = ["bulk", "churn", "pipelined", "sync", "latency-echo", "latency-select"];

    public IReadOnlyList<int> Sizes { get; private set; } = [100, 1000, 10000];

    public int Reps { get; private set; } = 3;

    public bool Tcp { get; private set; }

    public IReadOnlyList<string> Clients { get; private set; } = AllClients;

    public IReadOnlyList<string> Workloads { get; private set; } = AllWorkloads;

    public int Calls { get; private set; } = 1000;

    public TimeSpan CaseTimeout { get; private set; } = TimeSpan.FromMinutes(10);

    public TimeSpan SlowCase { get; private set; } = TimeSpan.FromMinutes(2);

    public string OutputDirectory { get; private set; } = Path.Combine(".tmp", "bench");

    public bool Warmup { get; private set; } = true;

    public static RunnerOptions Parse(string[] args)
    {
        var o = new RunnerOptions();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--n":
                    o.Sizes = [.. Next().Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))];
                    break;
                case "--reps":
                    o.Reps = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--tcp":
                    o.Tcp = true;
                    break;
                case "--clients":
                    o.Clients = List(Next(), AllClients);
                    break;
                case "--workloads":
                    o.Workloads = List(Next(), AllWorkloads);
                    break;
                case "--calls":
                    o.Calls = int.Parse(Next(), CultureInfo.InvariantCulture);
                    break;
                case "--case-timeout":
                    o.CaseTimeout = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--slow-case":
                    o.SlowCase = TimeSpan.FromSeconds(double.Parse(Next(), CultureInfo.InvariantCulture));
                    break;
                case "--out":
                    o.OutputDirectory = Next();
                    break;
                case "--no-warmup":
                    o.Warmup = false;
                    break;
                default:
                    throw new ArgumentException($"unknown option {args[i]}");
            }
        }

        if (o.Reps < 1 || o.Calls < 1 || o.Sizes.Count == 0 || o.Sizes.Any(n => n < 1))
        {
            throw new ArgumentException("--reps, --calls and every --n must be positive");
        }

        return o;
    }

    private static string[] List(string value, string[] allowed)
    {
        string[] items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string? bad = items.FirstOrDefault(x => !allowed.Contains(x));
        return bad is null ? items : throw new ArgumentException($"unknown value {bad}; allowed: {string.Join(',', allowed)}");
    }
}
