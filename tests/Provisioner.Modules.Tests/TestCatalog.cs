using Provisioner.Modules.Seams;

namespace Provisioner.Modules.Tests;

/// <summary>Catalogs for tests: one with the real seams of this machine, one whose seams fail the test when touched.</summary>
internal static class TestCatalog
{
    public static ModuleCatalog Real(TimeProvider? time = null)
    {
        var processes = new ProcessRunner(time ?? TimeProvider.System);
        return new ModuleCatalog(new LocalFileSystem(processes), processes, time ?? TimeProvider.System);
    }

    public static ModuleCatalog Create() => new(Untouched.FileSystem, Untouched.Processes, TimeProvider.System);
}
