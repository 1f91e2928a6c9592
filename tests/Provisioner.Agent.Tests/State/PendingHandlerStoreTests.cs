using Provisioner.Agent.State;

namespace Provisioner.Agent.Tests.State;

public sealed class PendingHandlerStoreTests
{
    [Test]
    public void Add_ThenNewInstance_SeesNotificationsUntilRemoved()
    {
        var dir = Directory.CreateTempSubdirectory("prov-pending-").FullName;
        try
        {
            var layout = new StateLayout(dir);
            var store = new PendingHandlerStore(layout);
            store.Add(new PendingNotification("restart nginx", "r1", "t1", DateTimeOffset.UnixEpoch));
            store.Add(new PendingNotification("restart nginx", "r2", "t9", DateTimeOffset.UnixEpoch));
            store.Add(new PendingNotification("reload redis", "r1", "t2", DateTimeOffset.UnixEpoch));

            var reopened = new PendingHandlerStore(layout);
            Assert.That(reopened.Load().Select(n => n.Topic), Is.EqualTo(new[] { "restart nginx", "reload redis" }));
            Assert.That(reopened.Load()[0].RunId, Is.EqualTo("r1"));

            reopened.Remove(["restart nginx"]);

            Assert.That(new PendingHandlerStore(layout).Load().Select(n => n.Topic), Is.EqualTo(new[] { "reload redis" }));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
