namespace Chatbot.Dialogs.Understanding;

/// <summary>Composes recognizer wrappers around an inner recognizer; the first <see cref="Use"/> is the outermost layer.</summary>
public sealed class UnderstandingBuilder
{
    private readonly IUnderstanding _inner;
    private readonly List<Func<IUnderstanding, IUnderstanding>> _factories = [];

    /// <summary>Starts a pipeline that ends in <paramref name="innerUnderstanding"/>.</summary>
    public UnderstandingBuilder(IUnderstanding innerUnderstanding)
    {
        ArgumentNullException.ThrowIfNull(innerUnderstanding);
        _inner = innerUnderstanding;
    }

    /// <summary>Adds a wrapper; wrappers added first run first.</summary>
    public UnderstandingBuilder Use(Func<IUnderstanding, IUnderstanding> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _factories.Add(factory);
        return this;
    }

    /// <summary>Builds the pipeline.</summary>
    public IUnderstanding Build()
    {
        var understanding = _inner;
        for (var i = _factories.Count - 1; i >= 0; i--)
        {
            understanding = _factories[i](understanding) ?? throw new InvalidOperationException("An understanding factory returned null.");
        }

        return understanding;
    }
}
