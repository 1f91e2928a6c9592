using Provisioner.Modules.Abstractions;

namespace Provisioner.Modules.Tests;

/// <summary>
/// The contract every state module test checks: check mode changes nothing and predicts exactly the diff the real
/// run then reports; the real run changes; a second run (and a second check) reports no change.
/// </summary>
internal static class Converge
{
    public static async Task<ModuleOutcome> TwiceAsync(
        IModuleRunner runner, IReadOnlyDictionary<string, object?> args, Scratch scratch, ITaskResources? resources = null)
    {
        var moduleArgs = new ModuleArgs(runner.Schema, args, resources ?? new NoResources());
        var before = scratch.Snapshot();

        var predicted = await runner.RunAsync(moduleArgs, check: true, CancellationToken.None);
        Assert.That(predicted.Failed, Is.False, predicted.Message);
        Assert.That(scratch.Snapshot(), Is.EqualTo(before), "check mode changed the scratch directory");

        var first = await runner.RunAsync(moduleArgs, check: false, CancellationToken.None);
        Assert.That(first.Failed, Is.False, first.Message);
        Assert.That(first.Changed, Is.True, "first run should change something");
        Assert.That(predicted.Changed, Is.True, "check mode should predict the change");
        Assert.That(first.Diff, Is.EqualTo(predicted.Diff), "check mode predicted a different diff");

        var second = await runner.RunAsync(moduleArgs, check: false, CancellationToken.None);
        Assert.That(second.Failed, Is.False, second.Message);
        Assert.That(second.Changed, Is.False, $"second run changed: {string.Join("; ", second.Diff)}");
        Assert.That(second.Diff, Is.Empty);

        var secondCheck = await runner.RunAsync(moduleArgs, check: true, CancellationToken.None);
        Assert.That(secondCheck.Changed, Is.False, "check after convergence predicts a change");
        return first;
    }

    public static Task<ModuleOutcome> OnceAsync(IModuleRunner runner, IReadOnlyDictionary<string, object?> args, bool check = false, ITaskResources? resources = null) =>
        runner.RunAsync(new ModuleArgs(runner.Schema, args, resources ?? new NoResources()), check, CancellationToken.None);
}
