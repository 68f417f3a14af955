using Chatbot.Testing;
using Chatbot.Bot.Understanding;
using Chatbot.Dialogs.Understanding;
using Microsoft.Extensions.Time.Testing;

namespace Chatbot.Bot.Tests.Understanding;

public sealed class LlmResponsePhraserTests : IAsyncLifetime
{
    private const string Template = "Your order A-1042 ships on 2026-03-04 and costs €12.50.";
    private FakeOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private LlmResponsePhraser Phraser(TimeProvider? time = null) =>
        new(ChatClientFactory.CreateAzure(_server.BaseUri, "gpt-4o", "k"), timeProvider: time ?? new FakeTimeProvider());

    private static PhrasingRequest Request(int? maxSentences = 2) => new()
    {
        ResponseId = "order_shipped",
        Mode = "rephrase",
        TemplateText = Template,
        Language = "en",
        Facts = new Dictionary<string, string> { ["order_id"] = "A-1042" },
        MustInclude = ["A-1042", "€12.50"],
        ForbiddenTopics = ["discount", "competitor"],
        MaxSentences = maxSentences,
    };

    [Fact]
    public async Task A_reply_that_passes_every_guard_is_sent()
    {
        _server.EnqueueContent("Good news: order A-1042 is on its way on 4 March, and the total is €12.50.");

        var result = await Phraser().PhraseAsync(Request(), CancellationToken.None);

        Assert.True(result.FromModel);
        Assert.Null(result.FallbackReason);
        Assert.Equal("Good news: order A-1042 is on its way on 4 March, and the total is €12.50.", result.Text);
        Assert.Equal((321, 12), (result.TokensIn, result.TokensOut));
        var request = Assert.Single(_server.Requests);
        Assert.Contains("Include each value between <must_include> tags exactly as written", request.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("Never mention: discount, competitor", request.SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("<must_include>\n\"A-1042\"\n\"€12.50\"\n</must_include>", request.UserPrompt.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Your order ships soon and costs €12.50.", "missing required value #1")]
    [InlineData("Order A-1042 ships soon, and with a discount it costs €12.50.", "mentions forbidden topic 'discount'")]
    [InlineData("Order A-1042 ships. It costs €12.50. Thanks. Bye.", "more than 2 sentences")]
    [InlineData("Ihre Bestellung A-1042 wird bald versendet und kostet €12.50, vielen Dank für die Geduld und bis bald.", "not in language en")]
    [InlineData("", "empty reply")]
    public async Task A_reply_that_breaks_a_guard_falls_back_to_the_template(string reply, string reason)
    {
        _server.EnqueueContent(reply);

        var result = await Phraser().PhraseAsync(Request(), CancellationToken.None);

        Assert.False(result.FromModel);
        Assert.Equal(Template, result.Text);
        Assert.Equal(reason, result.FallbackReason);
    }

    [Fact]
    public async Task Model_errors_fall_back_to_the_template()
    {
        _server.EnqueueStatus(500);

        var result = await Phraser().PhraseAsync(Request(), CancellationToken.None);

        Assert.Equal((Template, false, "model error 500"), (result.Text, result.FromModel, result.FallbackReason));
    }

    [Fact]
    public async Task Timeout_falls_back_to_the_template()
    {
        var time = new FakeTimeProvider();
        var release = new TaskCompletionSource();
        _server.EnqueueHang(release.Task);

        var pending = Phraser(time).PhraseAsync(Request(), CancellationToken.None).AsTask();
        await _server.RequestArrived.Task;
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await pending;
        release.SetResult();

        Assert.Equal((Template, "timeout"), (result.Text, result.FallbackReason));
    }

    [Fact]
    public async Task Template_mode_makes_no_call()
    {
        var request = new PhrasingRequest { ResponseId = "r", Mode = "template", TemplateText = Template, Language = "en" };

        var result = await Phraser().PhraseAsync(request, CancellationToken.None);

        Assert.Equal(Template, result.Text);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Only_the_facts_given_reach_the_prompt()
    {
        // The engine passes non-sensitive facts only; the phraser must not add anything else (e.g. from history).
        _server.EnqueueContent("Order A-1042 costs €12.50.");

        await Phraser().PhraseAsync(Request(), CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        var sent = request.Body.ToJsonString();
        Assert.Contains("<facts>\norder_id: \"A-1042\"\n</facts>", request.UserPrompt.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\d{16}", sent);
    }
}
