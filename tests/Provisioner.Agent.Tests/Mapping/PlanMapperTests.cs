using Google.Protobuf;
using Google.Protobuf.Reflection;
using Google.Protobuf.WellKnownTypes;
using Provisioner.Core.Plans;
using Provisioner.Protocol.Mapping;
using Proto = Provisioner.Protocol.V1;

namespace Provisioner.Agent.Tests.Mapping;

public sealed class PlanMapperTests
{
    [Test]
    public void FromProto_EveryTaskFieldSet_RoundTripsUnchanged()
    {
        var task = FullTask("t1");
        AssertEveryFieldSet(task);

        var back = PlanMapper.ToProto(PlanMapper.FromProto(task));

        Assert.That(back, Is.EqualTo(task));
    }

    [Test]
    public void FromProto_EveryPlanFieldSet_RoundTripsThroughBytes()
    {
        var plan = new Proto.HostPlan
        {
            Host = "web1",
            Play = "site",
            Vars = Struct.Parser.ParseJson("""{"port": 8080, "name": "{{ inventory_hostname }}"}"""),
            ExtraVars = Struct.Parser.ParseJson("""{"debug": true}"""),
            GatherFacts = true,
            Check = true,
            Diff = true,
        };
        plan.Tasks.Add(FullTask("t1"));
        plan.Handlers.Add(FullTask("h1"));
        plan.Files["roles/web/templates/site.sbn"] = ByteString.CopyFromUtf8("server {{ port }}");
        plan.SecretVars.Add("db_password");
        AssertEveryFieldSet(plan);

        var core = PlanMapper.FromProto(Proto.HostPlan.Parser.ParseFrom(plan.ToByteArray()));
        var back = PlanMapper.ToProto(core);

        Assert.That(back, Is.EqualTo(plan));
        Assert.That(core.Vars["port"], Is.EqualTo(8080L));
        Assert.That(System.Text.Encoding.UTF8.GetString(core.Files["roles/web/templates/site.sbn"].Span), Is.EqualTo("server {{ port }}"));
    }

    [Test]
    public void FromProto_EmptyOptionalStrings_AreNullAndLoopVarDefaultsToItem()
    {
        var core = PlanMapper.FromProto(new Proto.Task { Id = "a:1:1", Module = "debug" });

        Assert.That(core.LoopVar, Is.EqualTo("item"));
        Assert.That(core.Register, Is.Null);
        Assert.That(core.Until, Is.Null);
        Assert.That(core.Loop, Is.Null);
        Assert.That(core.Timeout, Is.Null);
        Assert.That(core.IsBlock, Is.False);
    }

    [Test]
    public void ToProto_CoreTaskWithLoopList_KeepsItemsAndTimeout()
    {
        var task = new PlanTask
        {
            Id = "site.yml:3:5",
            Module = "file",
            Loop = new List<object?> { "a", 2L },
            Timeout = TimeSpan.FromSeconds(30),
            Delay = TimeSpan.FromSeconds(1.5),
        };

        var back = PlanMapper.FromProto(PlanMapper.ToProto(task));

        Assert.That(back.Loop, Is.EqualTo(new object?[] { "a", 2L }));
        Assert.That(back.Timeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
        Assert.That(back.Delay, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
        Assert.That(back.LoopVar, Is.EqualTo("item"));
    }

    private static Proto.Task FullTask(string id)
    {
        var task = new Proto.Task
        {
            Id = id,
            Name = "name " + id,
            Module = "template",
            Args = Struct.Parser.ParseJson("""{"src": "site.sbn", "dest": "/etc/x", "mode": "0644"}"""),
            Loop = Value.ForString("{{ sites }}"),
            LoopVar = "site",
            Register = "out",
            IgnoreErrors = true,
            NoLog = true,
            TimeoutSeconds = 10,
            Retries = 3,
            Until = "out.rc == 0",
            DelaySeconds = 2,
            Vars = Struct.Parser.ParseJson("""{"a": [1, 2]}"""),
            Become = true,
            BecomeUser = "postgres",
            Role = "web",
            IndexVar = "i",
            LoopLabel = "{{ site.name }}",
            RunOnce = true,
        };
        task.When.Add("x > 1");
        task.Notify.Add("reload nginx");
        task.ChangedWhen.Add("false");
        task.FailedWhen.Add("out.rc > 1");
        task.Block.Add(new Proto.Task { Id = id + "/b", Module = "debug" });
        task.Rescue.Add(new Proto.Task { Id = id + "/r", Module = "debug" });
        task.Always.Add(new Proto.Task { Id = id + "/a", Module = "debug" });
        task.Listen.Add("web restart");
        return task;
    }

    /// <summary>Guards against a field added to the proto but forgotten in the mapper: the sample must set them all.</summary>
    private static void AssertEveryFieldSet(IMessage message)
    {
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            var value = field.Accessor.GetValue(message);
            var set = value switch
            {
                null => false,
                string s => s.Length > 0,
                bool b => b,
                uint u => u != 0,
                double d => d != 0,
                System.Collections.ICollection c => c.Count > 0,
                _ => true,
            };
            Assert.That(set, Is.True, $"sample {message.Descriptor.Name} leaves field '{field.Name}' unset");
        }
    }
}
