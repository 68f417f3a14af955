using Chatbot.Channels.DirectLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Tests.DirectLine;

public sealed class DirectLineOptionsValidatorTests
{
    [Theory]
    [InlineData("DirectLine:TokenLifetime", "00:00:10", "DirectLine:TokenLifetime must be between 00:01:00 and 1.00:00:00; found 00:00:10.")]
    [InlineData("DirectLine:MaxActivityBytes", "100", "DirectLine:MaxActivityBytes must be between 1024 and 4194304; found 100.")]
    [InlineData("DirectLine:MaxUploadBytes", "104857600", "DirectLine:MaxUploadBytes must be between 1024 and 26214400; found 104857600.")]
    [InlineData("DirectLine:TokenSigningKey", "short", "DirectLine:TokenSigningKey must be at least 32 characters long")]
    [InlineData("DirectLine:BotId", " ", "DirectLine:BotId must not be empty")]
    public void A_bad_setting_is_refused_by_name(string key, string value, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [key] = value }).Build();
        using var provider = new ServiceCollection().AddLogging().AddDirectLine(configuration).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<DirectLineOptions>>().Value);

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        using var provider = new ServiceCollection().AddLogging().AddDirectLine(new ConfigurationBuilder().Build()).BuildServiceProvider();
        Assert.Equal(TimeSpan.FromMinutes(30), provider.GetRequiredService<IOptions<DirectLineOptions>>().Value.TokenLifetime);
    }
}
