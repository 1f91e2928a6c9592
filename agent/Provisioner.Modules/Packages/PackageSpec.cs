namespace Provisioner.Modules.Packages;

/// <summary>A package as a task names it: <c>nginx</c> or <c>nginx=1.22.1-9</c>.</summary>
internal sealed record PackageSpec(string Name, string? Version)
{
    public static PackageSpec Parse(string text)
    {
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? new PackageSpec(text.Trim(), null) : new PackageSpec(text[..eq].Trim(), text[(eq + 1)..].Trim());
    }

    public override string ToString() => Version is null ? Name : $"{Name}={Version}";
}
