using Provisioner.Core.Diagnostics;

namespace Provisioner.Modules.Abstractions;

/// <summary>A module could not do its work on this host (a refused path, a failed validate, a missing tool). Becomes a failed outcome.</summary>
public sealed class ModuleException : ProvisionerException
{
    public ModuleException()
    {
    }

    public ModuleException(string message)
        : base(message)
    {
    }

    public ModuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
