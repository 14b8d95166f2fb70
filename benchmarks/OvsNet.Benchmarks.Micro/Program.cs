using BenchmarkDotNet.Running;

// dotnet run -c Release --project benchmarks/OvsNet.Benchmarks.Micro -- --filter '*'
// (any BenchmarkDotNet option passes through: --filter '*Framing*', --job dry, --list flat, ...)
BenchmarkSwitcher.FromAssembly(typeof(OvsNet.Benchmarks.Micro.Captures).Assembly).Run(args);
