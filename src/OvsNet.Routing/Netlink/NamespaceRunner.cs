using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OvsNet.Routing.Netlink;

/// <summary>
/// Runs a function inside another network namespace without moving the process: a dedicated thread calls
/// setns, runs the function (which creates sockets; they stay in that namespace) and switches back.
/// Never done on a thread-pool thread or across an await, because the namespace is per thread.
/// </summary>
internal static class NamespaceRunner
{
    public static Task<T> RunAsync<T>(string? namespacePath, Func<T> action)
    {
        if (namespacePath is null)
        {
            return Task.FromResult(action());
        }

        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => RunOnDedicatedThread(namespacePath, action, completion))
        {
            IsBackground = true,
            Name = "OvsNet netns switch",
        };
        thread.Start();
        return completion.Task;
    }

    private static void RunOnDedicatedThread<T>(string namespacePath, Func<T> action, TaskCompletionSource<T> completion)
    {
        try
        {
            using SafeFileHandle original = File.OpenHandle("/proc/thread-self/ns/net");
            using SafeFileHandle target = OpenNamespace(namespacePath);
            Enter(target, namespacePath);
            try
            {
                completion.SetResult(action());
            }
            catch (Exception ex)
            {
                completion.SetException(ex);
            }
            finally
            {
                // If switching back fails this thread stays in the namespace; it is ours alone and ends
                // right here, so no other work can run in the wrong namespace.
                _ = LibC.SetNs((int)original.DangerousGetHandle(), LibC.CloneNewNet);
            }
        }
        catch (Exception ex)
        {
            completion.TrySetException(ex);
        }
    }

    private static SafeFileHandle OpenNamespace(string path)
    {
        try
        {
            return File.OpenHandle(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new InvalidOperationException($"Network namespace '{path}' does not exist.", ex);
        }
    }

    private static void Enter(SafeFileHandle target, string path)
    {
        if (LibC.SetNs((int)target.DangerousGetHandle(), LibC.CloneNewNet) != 0)
        {
            throw new NetlinkException(Marshal.GetLastPInvokeError(), $"setns into {path}", null);
        }
    }
}
