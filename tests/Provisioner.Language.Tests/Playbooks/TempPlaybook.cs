using Provisioner.Language.Playbooks;
using Provisioner.Language.Validation;
using Provisioner.Modules;

namespace Provisioner.Language.Tests.Playbooks;

/// <summary>A scratch folder holding a playbook and its files, loaded and validated with paths relative to the folder.</summary>
internal sealed class TempPlaybook : IDisposable
{
    public TempPlaybook(string playbook, params (string Path, string Text)[] files)
    {
        Directory.CreateDirectory(Root);
        Write("site.yml", playbook);
        foreach (var (path, text) in files)
        {
            Write(path, text);
        }
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "prov-playbook-" + Guid.NewGuid().ToString("N"));

    public void Write(string path, string text)
    {
        var full = Path.Combine(Root, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
    }

    public LoadedPlaybook Load() =>
        new PlaybookLoader(ModuleCatalog.Schemas).Load("site.yml", new PlaybookOptions { BaseDirectory = Root });

    public ValidatedPlaybook Validate() =>
        new PlaybookValidator(ModuleCatalog.Schemas).Validate("site.yml", new ValidationOptions { Playbook = new PlaybookOptions { BaseDirectory = Root } });

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
