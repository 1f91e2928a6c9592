using System.Net;
using Provisioner.Core.Diagnostics;

namespace Provisioner.Modules.Docker.Engine;

/// <summary>The Docker daemon could not be reached, or refused a request. <see cref="Status"/> is null when it was not reached.</summary>
internal sealed class DockerEngineException : ProvisionerException
{
    public DockerEngineException(string message, HttpStatusCode? status = null, Exception? innerException = null)
        : base(message, innerException!)
    {
        Status = status;
    }

    public HttpStatusCode? Status { get; }
}
