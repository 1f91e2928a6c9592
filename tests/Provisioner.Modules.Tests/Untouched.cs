using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests;

/// <summary>Seams that fail the test when touched: for pure code (Compare) and lookups.</summary>
internal static class Untouched
{
    public static IFileSystem FileSystem { get; } = new UntouchedFileSystem();

    public static IProcessRunner Processes { get; } = new UntouchedProcessRunner();

    private sealed class UntouchedProcessRunner : IProcessRunner
    {
        public Task<ProcessResult> RunAsync(ProcessRequest request, CancellationToken ct) =>
            throw new AssertionException($"unexpected process: {string.Join(' ', request.Argv)}");
    }

    private sealed class UntouchedFileSystem : IFileSystem
    {
        public FileStat? Stat(string path) => throw Touched(path);

        public Task<byte[]> ReadAsync(string path, CancellationToken ct) => throw Touched(path);

        public Task WriteAtomicAsync(string path, ReadOnlyMemory<byte> content, FileWriteOptions options, CancellationToken ct) => throw Touched(path);

        public void CreateDirectory(string path, int mode) => throw Touched(path);

        public void SetMode(string path, int mode) => throw Touched(path);

        public void SetOwner(string path, int uid, int gid) => throw Touched(path);

        public void CreateSymlink(string path, string target) => throw Touched(path);

        public void Delete(string path, bool recursive) => throw Touched(path);

        public IReadOnlyList<string> List(string directory) => throw Touched(directory);

        public void CopyFile(string source, string destination) => throw Touched(source);

        public int? ResolveUser(string nameOrId) => throw Touched(nameOrId);

        public int? ResolveGroup(string nameOrId) => throw Touched(nameOrId);

        public string? UserName(int uid) => throw Touched(uid.ToString());

        public string? GroupName(int gid) => throw Touched(gid.ToString());

        private static AssertionException Touched(string what) => new($"unexpected file system access: {what}");
    }
}
