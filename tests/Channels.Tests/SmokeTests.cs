namespace Chatbot.Channels.Tests;

public sealed class ProjectLoadsTests
{
    [Fact]
    public void Assembly_loads() => Assert.NotNull(typeof(ProjectLoadsTests).Assembly);
}
