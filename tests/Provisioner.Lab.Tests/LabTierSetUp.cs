using Provisioner.Lab.Tests.EndToEnd;

namespace Provisioner.Lab.Tests;

/// <summary>
/// Ends the one lab of the test run (<see cref="SharedLab"/>) after every fixture: <c>prov lab down</c>, then the
/// check that no container, network, iptables rule, mount, process or socket of it remains. A failed check fails the
/// run. Runs without the quick tier's tests noticing: the lab is only brought up when a Lab fixture asks for it.
/// </summary>
[SetUpFixture]
public sealed class LabTierSetUp
{
    [OneTimeTearDown]
    public Task DownAndCheckNothingIsLeft() => SharedLab.EndAsync();
}
