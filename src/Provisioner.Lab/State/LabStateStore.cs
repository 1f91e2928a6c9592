using System.Text.Json;
using Provisioner.Lab.Processes;

namespace Provisioner.Lab.State;

/// <summary>Reads and atomically writes <c>lab.json</c>.</summary>
internal sealed class LabStateStore(string path, TimeProvider time)
{
    public string Path { get; } = path;

    public LabState? Load()
    {
        if (!File.Exists(Path))
        {
            return null;
        }

        try
        {
            var state = JsonSerializer.Deserialize(File.ReadAllText(Path), LabStateJsonContext.Default.LabState);
            if (state is null || state.Version != LabState.CurrentVersion)
            {
                throw new LabException($"{Path}: unknown lab state version; remove the lab with the prov version that made it, or delete the file after removing its containers by hand (label prov.lab)");
            }

            return state;
        }
        catch (JsonException ex)
        {
            throw new LabException($"{Path}:{ex.LineNumber + 1}: the lab state file is damaged ({ex.Message}); 'prov lab down' still removes everything labelled with this lab's id", ex);
        }
    }

    public LabState Save(LabState state)
    {
        var stamped = state with { UpdatedAt = time.GetUtcNow() };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(stamped, LabStateJsonContext.Default.LabState) + "\n");
        File.Move(temporary, Path, overwrite: true);
        return stamped;
    }

    public void Delete() => FileOps.DeleteIfPresent(Path);
}
