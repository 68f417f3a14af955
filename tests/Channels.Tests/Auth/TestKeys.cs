using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Channels.Tests.Auth;

/// <summary>An RSA signing key with its kid, published as a JWK (optionally with endorsements).</summary>
internal sealed class TestKey(string kid, RSA rsa)
{
    public string Kid { get; } = kid;
    public RSA Rsa { get; } = rsa;

    public JsonObject ToJwk(params string[]? endorsements)
    {
        var p = Rsa.ExportParameters(false);
        var jwk = new JsonObject
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(p.Modulus),
            ["e"] = Base64UrlEncoder.Encode(p.Exponent),
        };
        if (endorsements is not null)
        {
            jwk["endorsements"] = new JsonArray(endorsements.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray());
        }

        return jwk;
    }

    public byte[] PublicKeyPem() => System.Text.Encoding.UTF8.GetBytes(Rsa.ExportSubjectPublicKeyInfoPem());
}

/// <summary>Keys and the TLS certificate, generated once per test run (RSA generation is slow).</summary>
internal static class TestKeys
{
    public static TestKey Channel1 { get; } = new("channel-key-1", RSA.Create(2048));
    public static TestKey Channel2 { get; } = new("channel-key-2", RSA.Create(2048));
    public static TestKey Emulator { get; } = new("emulator-key-1", RSA.Create(2048));

    /// <summary>Same kid as <see cref="Channel1"/>, different key: a forger who guessed the kid.</summary>
    public static TestKey Forger { get; } = new("channel-key-1", RSA.Create(2048));

    private static readonly Lazy<X509Certificate2> LazyCertificate = new(CreateCertificate);

    /// <summary>Self-signed certificate for 127.0.0.1, trusted only by the pinned HTTP clients of the tests.</summary>
    public static X509Certificate2 Certificate => LazyCertificate.Value;

    private static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));

        // Round-trip through PKCS#12 so Kestrel gets a certificate whose private key it can use on every platform.
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pkcs12), null);
    }
}
