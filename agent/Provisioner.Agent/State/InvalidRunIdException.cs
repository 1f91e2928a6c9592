using Provisioner.Core.Diagnostics;

namespace Provisioner.Agent.State;

/// <summary>A client-chosen run id that cannot name a run record.</summary>
public sealed class InvalidRunIdException : ProvisionerException
{
    public InvalidRunIdException(string message)
        : base(message)
    {
    }
}
