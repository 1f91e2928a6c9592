namespace Provisioner.Modules.Packages;

/// <summary>A package as dpkg knows it: installed, or only its configuration files left.</summary>
internal sealed record InstalledPackage(string Name, string Version, bool ConfigFilesOnly);
