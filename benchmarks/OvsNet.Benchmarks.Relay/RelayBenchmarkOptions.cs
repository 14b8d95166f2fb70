using System.Globalization;

namespace OvsNet.Benchmarks.Relay;

/// <summary>The command line: scale of the measurement and how long a wait may take.</summary>
internal sealed record RelayBenchmarkOptions(int Replicas, int Rows, int Update, int Concurrency, TimeSpan Timeout)
{
    public static RelayBenchmarkOptions Parse(string[] args)
    {
        var options = new RelayBenchmarkOptions(200, 10_000, 100, 8, TimeSpan.FromSeconds(600));
        for (int i = 0; i < args.Length; i++)
        {
            string value = i + 1 < args.Length ? args[i + 1] : throw new ArgumentException(args[i] + " needs a value");
            int n = int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int parsed) && parsed > 0
                ? parsed
                : throw new ArgumentException($"{args[i]} needs a positive integer, not '{value}'");
            options = args[i] switch
            {
                "--replicas" => options with { Replicas = n },
                "--rows" => options with { Rows = n },
                "--update" => options with { Update = n },
                "--concurrency" => options with { Concurrency = n },
                "--timeout" => options with { Timeout = TimeSpan.FromSeconds(n) },
                _ => throw new ArgumentException("unknown option " + args[i]),
            };
            i++;
        }

        if (options.Update > options.Rows)
        {
            throw new ArgumentException("--update cannot exceed --rows");
        }

        if (options.Replicas % 2 != 0)
        {
            throw new ArgumentException("--replicas must be even (half on each relay)");
        }

        return options;
    }
}
