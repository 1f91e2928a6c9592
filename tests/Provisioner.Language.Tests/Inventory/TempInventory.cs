namespace Provisioner.Language.Tests.Inventory;

/// <summary>A scratch folder of inventory files for one test, deleted afterwards.</summary>
internal sealed class TempInventory : IDisposable
{
    public TempInventory()
    {
        Root = Path.Combine(Path.GetTempPath(), "prov-inventory-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public string PathOf(string relativePath) => Path.Combine(Root, relativePath);

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
