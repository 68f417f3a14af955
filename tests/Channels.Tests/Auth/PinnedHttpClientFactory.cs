using System.Security.Cryptography.X509Certificates;

namespace Chatbot.Channels.Tests.Auth;

/// <summary>
/// Hands out clients that trust exactly the test certificate (pinned by its raw bytes) and nothing else self-signed;
/// certificate validation is not switched off globally.
/// </summary>
internal sealed class PinnedHttpClientFactory : IHttpClientFactory
{
    private readonly HttpMessageHandler _handler;

    public PinnedHttpClientFactory(X509Certificate2 pinned) => _handler = CreateHandler(pinned);

    public static HttpMessageHandler CreateHandler(X509Certificate2 pinned) => new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                errors == System.Net.Security.SslPolicyErrors.None
                || (certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(pinned.RawData)),
        },
    };

    public HttpClient CreateClient(string name) => new(_handler, disposeHandler: false);
}
