namespace Chatbot.FunctionsHost.Tests;

/// <summary>The sample settings as they are: local mode (no app id, no auth), file-backed state, the sample bot.</summary>
public sealed class LocalModeFunctionsHost : FunctionsHostFixture;

[CollectionDefinition(Name)]
public sealed class LocalModeCollection : ICollectionFixture<LocalModeFunctionsHost>
{
    public const string Name = "Functions host, local mode";
}
