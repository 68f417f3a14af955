namespace Chatbot.Channels.Activities;

/// <summary>A <c>mention</c> entity: who was mentioned and the markup (e.g. <c>&lt;at&gt;Bot&lt;/at&gt;</c>) that shows it in the text.</summary>
internal sealed record Mention(ChannelAccount Mentioned, string? Text);
