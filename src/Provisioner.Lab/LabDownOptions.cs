namespace Provisioner.Lab;

/// <summary>Options of <c>prov lab down</c>.</summary>
public sealed record LabDownOptions(string StateDirectory)
{
    /// <summary>Also delete the cached base image, package cache, lab key and the state directory itself.</summary>
    public bool Purge { get; init; }
}
