using System.Runtime.InteropServices;

namespace OvsNet.Benchmarks.Runner;

/// <summary>The facts a reader needs to compare runs: CPUs, memory, OS, runtime and OVS versions.</summary>
internal sealed record MachineInfo(int Cpus, string CpuModel, string Memory, string Os, string Runtime, string Ovs, string PythonOvs)
{
    public static async Task<MachineInfo> CollectAsync()
    {
        string cpu = Read("/proc/cpuinfo").Split('\n').FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        string memKb = Read("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "?";
        string memory = long.TryParse(memKb.Split(' ')[0], out long kb) ? $"{kb / 1024.0 / 1024.0:F1} GiB" : memKb;
        string os = Read("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?.Split('=', 2)[1].Trim('"') ?? RuntimeInformation.OSDescription;
        string ovs = await Try(async () => (await Tools.RunAsync("ovsdb-server", ["--version"])).Split('\n')[0].Trim());
        string py = await Try(async () => (await Tools.RunAsync(PythonPeer.Python, ["-c", "import ovs.version; print(ovs.version.VERSION)"])).Trim());
        return new MachineInfo(Environment.ProcessorCount, cpu, memory, $"{os}, kernel {Environment.OSVersion.Version}", RuntimeInformation.FrameworkDescription, ovs, py);
    }

    public string Describe() =>
        $"machine: {this.Cpus} CPUs ({this.CpuModel}), {this.Memory}, {this.Os}\nruntime: {this.Runtime}; {this.Ovs}; python ovs {this.PythonOvs}";

    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static async Task<string> Try(Func<Task<string>> f)
    {
        try
        {
            return await f();
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return "?";
        }
    }
}
