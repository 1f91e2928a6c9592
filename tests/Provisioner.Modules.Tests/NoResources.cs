using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests;

/// <summary>Task resources for modules that use none: any access is a test failure.</summary>
internal sealed class NoResources : ITaskResources
{
    public ReadOnlyMemory<byte> ReadPlanFile(string planPath) => throw new AssertionException($"unexpected plan file read: {planPath}");

    public string RenderTemplate(string planPath) => throw new AssertionException($"unexpected template render: {planPath}");
}
