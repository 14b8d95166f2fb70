using System.Globalization;
using OvsNet.Benchmarks.Runner;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length > 0 && args[0] == "--child-sync")
{
    // Internal: one sync measurement in a fresh process. --child-sync CLIENT ENDPOINT SCHEMA N
    return await SyncChild.RunAsync(args[1], args[2], args[3], int.Parse(args[4], CultureInfo.InvariantCulture));
}

if (args.Length > 0 && args[0] == "--capture")
{
    // Internal: writes the wire captures the micro-benchmarks use. --capture DIR N
    return await Captures.WriteAsync(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
}

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine(RunnerOptions.Usage);
    return 0;
}

RunnerOptions options;
try
{
    options = RunnerOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(RunnerOptions.Usage);
    return 2;
}

// SIGTERM / Ctrl+C mid-run: stop every process this run started and remove every directory (see RunCleanup).
RunCleanup.Install();
return await new ComparisonRunner(options).RunAsync();
