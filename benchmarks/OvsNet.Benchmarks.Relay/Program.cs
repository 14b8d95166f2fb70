using System.Diagnostics;
using System.Globalization;
using OvsNet.Benchmarks.Relay;
using OvsNet.Benchmarks.Runner;

// Replicas of one database, all on the leader of a 3-member Raft cluster vs spread over 2 relays in front of it.
//   --replicas N   replicas per case (200)         --rows N      rows in the database (10000)
//   --update N     rows the measured change updates (100)        --timeout S   seconds a wait may take (600)
//   --concurrency N  replicas loading their initial dump at once (8)
// Prints a Markdown table, one column per case; exits 1 when some replica did not converge.
RunCleanup.Install();
try
{
    return await RelayBenchmark.RunAsync(RelayBenchmarkOptions.Parse(args));
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine("relay benchmark: " + ex.Message);
    return 2;
}
finally
{
    RunCleanup.StopAll();
}
