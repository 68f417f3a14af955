using Chatbot.Dialogs.Engine;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Hosting;

/// <summary>Ready when the dialog definitions loaded and validated (the provider throws when the folder is invalid).</summary>
internal sealed class DefinitionsReadinessCheck(IServiceProvider services) : IReadinessCheck
{
    public string Name => "dialogs";

    public Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            var provider = services.GetService<IDialogDefinitionsProvider>();
            return Task.FromResult(provider is not null && provider.Current is not null);
        }
        catch (Exception)
        {
            return Task.FromResult(false);
        }
    }
}
