// The composition root: the one place the agent's parts are built and wired.
using Provisioner.Agent.Engine;
using Provisioner.Agent.Facts;
using Provisioner.Agent.Runs;
using Provisioner.Agent.State;
using Provisioner.Modules;
using Provisioner.Modules.Seams;
using Provisioner.Templating;

namespace Provisioner.Agent;

internal static class AgentComposition
{
    public static PlayEngine Engine(TimeProvider time)
    {
        var processes = new ProcessRunner(time);
        var catalog = new ModuleCatalog(new LocalFileSystem(processes), processes, time);
        return new PlayEngine(catalog.FindRunner, FactGatherer.ForHost(), new TemplateEngine(), time);
    }

    public static RunCoordinator Coordinator(string stateDir, TimeProvider time, TimeSpan lockWait, Action? runFinished = null) =>
        new(new StateLayout(stateDir), Engine(time), time, new RunCoordinatorOptions { LockWait = lockWait, RunFinished = runFinished });
}
