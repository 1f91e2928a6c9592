using Provisioner.Controller.Reporting;

namespace Provisioner.Controller.Tests.Reporting;

public sealed class JsonLinesReporterTests
{
    [Test]
    public void Report_EveryKind_OneObjectPerLineTypeFirstAndRoundTrips()
    {
        using var writer = new StringWriter { NewLine = "\n" };
        var reporter = new JsonLinesReporter(writer);
        var reports = SampleRun.Reports();
        foreach (var report in reports)
        {
            reporter.Report(report);
        }

        var lines = writer.ToString().TrimEnd('\n').Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.Length.EqualTo(reports.Count));
            Assert.That(lines, Has.All.StartWith("{\"type\":\""));
            foreach (var line in lines)
            {
                var back = JsonLinesReporter.Deserialize(line);
                Assert.That(JsonLinesReporter.Serialize(back), Is.EqualTo(line));
            }

            Assert.That(lines[6], Does.Contain("\"status\":\"changed\"").And.Contain("\"role\":\"nginx\""));
            Assert.That(lines[8], Does.Contain("\"result\":{\"changed\":true,\"dest\":\"/etc/nginx/nginx.conf\"}"));
        });
    }

    [Test]
    public void Deserialize_TaskResult_KeepsPlainDataTypes()
    {
        var line = """{"type":"task_result","host":"h","play":0,"task_id":"t","name":"n","status":"ok","result":{"n":3,"x":1.5,"l":[true,null,"s"]}}""";

        var report = (TaskResultReport)JsonLinesReporter.Deserialize(line);

        var result = (IReadOnlyDictionary<string, object?>)report.Result!;
        Assert.Multiple(() =>
        {
            Assert.That(result["n"], Is.EqualTo(3L));
            Assert.That(result["x"], Is.EqualTo(1.5));
            Assert.That(result["l"], Is.EqualTo(new object?[] { true, null, "s" }));
        });
    }
}
