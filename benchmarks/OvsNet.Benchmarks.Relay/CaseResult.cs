using OvsNet.Protocol;

namespace OvsNet.Benchmarks.Relay;

/// <summary>The servers of the run and what every case needs to know about it.</summary>
internal sealed record CaseContext(RelayBenchmarkOptions Options, IReadOnlyList<ServerProcess> Members, IReadOnlyList<ServerProcess> Relays, OvsdbUuid Probe);

/// <summary>CPU time of the servers and of this process at one moment, in milliseconds.</summary>
internal readonly record struct CpuSample(double Leader, double OtherMembers, double Relays, double Benchmark)
{
    public static CpuSample Take(CaseContext context, int leader) => new(
        context.Members[leader].CpuMilliseconds(),
        context.Members.Where((_, i) => i != leader).Sum(m => m.CpuMilliseconds()),
        context.Relays.Sum(r => r.CpuMilliseconds()),
        System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds);

    public static CpuSample operator -(CpuSample a, CpuSample b) =>
        new(a.Leader - b.Leader, a.OtherMembers - b.OtherMembers, a.Relays - b.Relays, a.Benchmark - b.Benchmark);
}

/// <summary>One case's figures.</summary>
internal sealed record CaseResult(
    string Name,
    string Leader,
    bool LeaderUnchanged,
    int FullDumps,
    TimeSpan DumpTime,
    int Updated,
    TimeSpan UpdateTime,
    CpuSample DumpCpu,
    CpuSample UpdateCpu,
    CpuSample CaseCpu,
    int Replicas)
{
    public bool Converged => this.FullDumps == this.Replicas && this.Updated == this.Replicas;
}
