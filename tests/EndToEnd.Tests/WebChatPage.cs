using System.Runtime.CompilerServices;
using Microsoft.Playwright;

namespace Chatbot.EndToEnd.Tests;

/// <summary>The Web Chat page as a user sees it: send box, bubbles, buttons. Saves a screenshot when a step fails.</summary>
internal sealed class WebChatPage : IAsyncDisposable
{
    public const float Timeout = 30_000;

    private readonly IBrowserContext _context;
    private readonly List<string> _console = [];

    private WebChatPage(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            lock (_console)
            {
                _console.Add($"{message.Type}: {message.Text}");
            }
        };
    }

    public IPage Page { get; }

    public static async Task<WebChatPage> OpenAsync(IBrowser browser, Uri server, string query = "", string? locale = null)
    {
        // The locale is the browser's language: its Accept-Language and navigator.language.
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 900, Height = 800 }, Locale = locale });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        // Records what the page's Content-Security-Policy blocks (CspViolationsAsync).
        await page.AddInitScriptAsync("""
            window.__cspViolations = [];
            document.addEventListener('securitypolicyviolation', e =>
              window.__cspViolations.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + ' at ' + e.sourceFile + ':' + e.lineNumber));
            """);
        var chat = new WebChatPage(context, page);
        chat.Response = await page.GotoAsync(new Uri(server, "/" + query).ToString());
        return chat;
    }

    /// <summary>The answer to the page request itself (its headers).</summary>
    public IResponse? Response { get; private set; }

    /// <summary>Everything the Content-Security-Policy blocked on this page so far.</summary>
    public Task<string[]> CspViolationsAsync() => Page.EvaluateAsync<string[]>("() => window.__cspViolations");

    public ILocator SendBox => Page.Locator("[data-id='webchat-sendbox-input']");

    /// <summary>Every message bubble's text, in order.</summary>
    public ILocator Bubbles => Page.Locator(".webchat__bubble__content");

    public ILocator BotBubbles => Page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content");

    public async Task SayAsync(string text)
    {
        // Web Chat shows the send box before Direct Line is online; text submitted then is dropped.
        await Page.Locator("#webchat[data-connection-status='2']").WaitForAsync();
        await SendBox.FillAsync(text);
        await SendBox.PressAsync("Enter");
    }

    /// <summary>Attaches a file with Web Chat's upload button and sends it (Web Chat holds attachments until Send).</summary>
    public async Task AttachAsync(string name, string mimeType, byte[] content)
    {
        await Page.Locator("#webchat[data-connection-status='2']").WaitForAsync();
        await Page.Locator("#webchat input[type=file]").SetInputFilesAsync(new FilePayload { Name = name, MimeType = mimeType, Buffer = content });
        // Web Chat stages the file asynchronously (it makes a thumbnail of images first); clicking Send before the
        // paperclip shows its check mark sends nothing, and the file stays staged.
        await Page.Locator("#webchat .webchat__attachment-icon--checked").WaitForAsync();
        await Page.Locator("#webchat button[title='Send']").ClickAsync();
        await Page.Locator("#webchat .webchat__attachment-icon--checked").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
    }

    /// <summary>Says something and waits until the bot answers with at least one new bubble; returns the first one.</summary>
    public async Task<string> SayAndWaitForReplyAsync(string text)
    {
        var before = await BotBubbles.CountAsync();
        await SayAsync(text);
        await WaitForBotBubblesAsync(before + 1);
        await WaitForDeliveredAsync();
        return (await BotBubbles.Nth(before).InnerTextAsync()).Trim();
    }

    public async Task WaitForBotBubblesAsync(int count) =>
        await Page.WaitForFunctionAsync(
            "n => document.querySelectorAll('.webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content').length >= n",
            count);

    /// <summary>Waits until no message of the user is still "Sending", and fails on "Send failed".</summary>
    public async Task WaitForDeliveredAsync()
    {
        await Page.WaitForFunctionAsync("() => !/Sending/.test(document.getElementById('webchat').innerText)");
        var text = await Page.Locator("#webchat").InnerTextAsync();
        Assert.DoesNotContain("Send failed", text, StringComparison.Ordinal);
    }

    /// <summary>The Direct Line conversation the page is showing (the page publishes it on #webchat).</summary>
    public Task<string?> ConversationIdAsync() => Page.Locator("#webchat").GetAttributeAsync("data-conversation-id");

    public Task WaitForTextAsync(string text) =>
        Page.Locator(".webchat__bubble__content", new PageLocatorOptions { HasText = text }).Last.WaitForAsync();

    public Task<int> CountAsync(string text) =>
        Page.Locator(".webchat__bubble__content", new PageLocatorOptions { HasText = text }).CountAsync();

    public async Task ClickButtonAsync(string title) =>
        await Page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = title, Exact = true }).Last.ClickAsync();

    public async Task ReloadAsync() => await Page.ReloadAsync();

    /// <summary>Runs a step; on failure saves test-artifacts/&lt;test&gt;.png and the browser console, then rethrows.</summary>
    public async Task StepAsync(Func<Task> step, [CallerMemberName] string test = "")
    {
        try
        {
            await step();
        }
        catch
        {
            await SaveFailureAsync(test);
            throw;
        }
    }

    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(RepoPaths.Artifacts, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    public async Task SaveFailureAsync(string test)
    {
        try
        {
            await ScreenshotAsync("failure-" + test);
            string[] console;
            lock (_console)
            {
                console = [.. _console];
            }

            await File.WriteAllLinesAsync(Path.Combine(RepoPaths.Artifacts, "failure-" + test + ".console.txt"), console);
        }
        catch (PlaywrightException)
        {
            // The page is gone; the exception being rethrown says why.
        }
    }

    public async ValueTask DisposeAsync() => await _context.CloseAsync();
}
