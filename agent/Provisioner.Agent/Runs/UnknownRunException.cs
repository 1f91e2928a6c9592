using Provisioner.Core.Diagnostics;

namespace Provisioner.Agent.Runs;

/// <summary>No run with this id is recorded on this host.</summary>
public sealed class UnknownRunException : ProvisionerException
{
    public UnknownRunException(string message)
        : base(message)
    {
    }
}
