namespace Chatbot.Cli.Tests;

public sealed class ProjectLoadsTests
{
    [Fact]
    public void Assembly_loads() => Assert.NotNull(typeof(ProjectLoadsTests).Assembly);
}
