namespace OvsNet.TestSupport;

/// <summary>The temp directories fixtures make for their databases, sockets, pidfiles and logs.</summary>
public static class TestDirectories
{
    /// <summary>Deletes a directory and everything in it; a file still held open leaves it behind, which is fine in temp.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
