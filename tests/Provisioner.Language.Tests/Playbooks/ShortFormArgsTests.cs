using Provisioner.Language.Playbooks;

namespace Provisioner.Language.Tests.Playbooks;

public class ShortFormArgsTests
{
    [TestCase("a=1 b=2", new[] { "a=1", "b=2" })]
    [TestCase("  a=1   b='x y'  ", new[] { "a=1", "b=x y" })]
    [TestCase("msg=\"it's\"", new[] { "msg=it's" })]
    [TestCase("msg={{ a ~ ' ' ~ b }} x=1", new[] { "msg={{ a ~ ' ' ~ b }}", "x=1" })]
    [TestCase("", new string[0])]
    public void Tokenize_Text_SplitsIntoWords(string text, string[] expected)
    {
        Assert.That(ShortFormArgs.Tokenize(text).Select(t => t.Text), Is.EqualTo(expected));
    }

    [Test]
    public void Tokenize_UnclosedQuote_RunsToTheEndWithoutFailing()
    {
        Assert.That(ShortFormArgs.Tokenize("a='open b=2").Select(t => t.Text), Is.EqualTo(new[] { "a=open b=2" }));
    }
}
