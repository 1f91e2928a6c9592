using Provisioner.Controller.Planning;

namespace Provisioner.Controller.Tests.Planning;

/// <summary>Ansible's evaluate_tags, case by case.</summary>
public sealed class TagFilterTests
{
    [TestCase("", "", "", true)]
    [TestCase("", "", "never", false)]
    [TestCase("", "", "never,debug", false)]
    [TestCase("debug", "", "never,debug", true)]
    [TestCase("never", "", "never", true)]
    [TestCase("web", "", "", false)]
    [TestCase("web", "", "always", true)]
    [TestCase("web", "", "web,db", true)]
    [TestCase("tagged", "", "", false)]
    [TestCase("tagged", "", "db", true)]
    [TestCase("tagged", "", "never,db", false)]
    [TestCase("untagged", "", "", true)]
    [TestCase("untagged", "", "db", false)]
    [TestCase("all", "", "db", true)]
    [TestCase("", "db", "db,web", false)]
    [TestCase("", "db", "always,db", false)]
    [TestCase("", "always", "always", false)]
    [TestCase("", "all", "always", true)]
    [TestCase("", "all,always", "always", false)]
    [TestCase("", "all", "web", false)]
    [TestCase("", "tagged", "web", false)]
    [TestCase("", "tagged", "", true)]
    [TestCase("", "untagged", "", false)]
    public void ShouldRun_TagsAndSkipTags_AnsibleSemantics(string only, string skip, string taskTags, bool expected)
    {
        static string[] Split(string s) => s.Split(',', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(new TagFilter(Split(only), Split(skip)).ShouldRun(Split(taskTags)), Is.EqualTo(expected));
    }
}
