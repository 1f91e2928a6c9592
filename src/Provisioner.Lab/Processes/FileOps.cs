namespace Provisioner.Lab.Processes;

internal static class FileOps
{
    /// <summary>Deletes a file if it is there (File.Delete throws when the directory is missing).</summary>
    public static void DeleteIfPresent(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
        {
            File.Delete(path);
        }
    }
}
