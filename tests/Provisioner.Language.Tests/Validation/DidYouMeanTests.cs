using Provisioner.Language.Validation;

namespace Provisioner.Language.Tests.Validation;

public class DidYouMeanTests
{
    [TestCase("servce", "service")]
    [TestCase("taks", "tasks")]
    [TestCase("regster", "register")]
    [TestCase("Tasks", "tasks")]
    [TestCase("wehn", "when")]
    public void Closest_Misspelling_SuggestsTheKeyword(string word, string expected)
    {
        string[] candidates = ["service", "tasks", "tags", "register", "when", "vars"];

        Assert.That(DidYouMean.Closest(word, candidates), Is.EqualTo(expected));
    }

    [Test]
    public void Closest_NothingClose_ReturnsNull()
    {
        Assert.That(DidYouMean.Closest("docker_compose", ["apt", "service"]), Is.Null);
    }
}
