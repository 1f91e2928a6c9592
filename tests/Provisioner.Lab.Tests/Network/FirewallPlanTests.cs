using Provisioner.Lab.Network;

namespace Provisioner.Lab.Tests.Network;

public sealed class FirewallPlanTests
{
    [Test]
    public void For_Lab_AcceptsBridgeTrafficDropsEscapesAndTagsEveryRule()
    {
        var rules = FirewallPlan.For("abcd1234", "pl-abcd1234");

        Assert.That(rules.Select(r => r.ToString()), Is.EqualTo(new[]
        {
            "-t filter FORWARD -i pl-abcd1234 -o pl-abcd1234 -m comment --comment prov.lab=abcd1234 -j ACCEPT",
            "-t filter FORWARD -i pl-abcd1234 ! -o pl-abcd1234 -m comment --comment prov.lab=abcd1234 -j DROP",
            "-t filter FORWARD ! -i pl-abcd1234 -o pl-abcd1234 -m comment --comment prov.lab=abcd1234 -j DROP",
            "-t filter INPUT -i pl-abcd1234 -p tcp --dport 3142 -m comment --comment prov.lab=abcd1234 -j ACCEPT",
            "-t filter INPUT -i pl-abcd1234 -m conntrack --ctstate ESTABLISHED,RELATED -m comment --comment prov.lab=abcd1234 -j ACCEPT",
        }));
    }

    [Test]
    public void Arguments_Insert_PutsRuleFirstAndWaitsForTheXtablesLock()
    {
        var rule = FirewallPlan.For("a", "pl-a")[0];

        Assert.That(rule.Arguments("-I").Take(7), Is.EqualTo(new[] { "-w", "10", "-t", "filter", "-I", "FORWARD", "1" }));
        Assert.That(rule.Arguments("-D").Take(6), Is.EqualTo(new[] { "-w", "10", "-t", "filter", "-D", "FORWARD" }));
    }

    [Test]
    public void FromListing_IptablesSaveLine_RoundTripsQuotedComment()
    {
        var rule = FirewallPlan.FromListing("filter", "-A INPUT -i pl-a -p tcp -m tcp --dport 3142 -m comment --comment \"prov.lab=a\" -j ACCEPT");

        Assert.That(rule, Is.Not.Null);
        Assert.That(rule!.Chain, Is.EqualTo("INPUT"));
        Assert.That(rule.Match, Is.EqualTo(new[] { "-i", "pl-a", "-p", "tcp", "-m", "tcp", "--dport", "3142", "-m", "comment", "--comment", "prov.lab=a", "-j", "ACCEPT" }));
    }

    [Test]
    public void FromListing_PolicyLine_IsNotARule()
    {
        Assert.That(FirewallPlan.FromListing("filter", "-P FORWARD ACCEPT"), Is.Null);
    }
}
