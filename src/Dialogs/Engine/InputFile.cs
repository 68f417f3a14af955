namespace Chatbot.Dialogs.Engine;

/// <summary>A file or image the user sent: what kind it is and what it is called (the content stays with the channel).</summary>
public sealed record InputFile(string ContentType, string? Name);
