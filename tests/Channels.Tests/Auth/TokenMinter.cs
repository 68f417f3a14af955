using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Chatbot.Channels.Tests.Auth;

/// <summary>Hand-rolled JWT minting, so tests can make every kind of broken token (no exp, alg none, HS256, tampered...).</summary>
internal static class TokenMinter
{
    public const string AppId = "bot-app-id-0000";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";
    public const string ChannelIssuer = "https://api.botframework.com";
    public const string EmulatorV1Issuer = "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/";
    public const string EmulatorV2Issuer = "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0";

    public static Dictionary<string, object?> ChannelClaims(DateTimeOffset now) => new()
    {
        ["iss"] = ChannelIssuer,
        ["aud"] = AppId,
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(59).ToUnixTimeSeconds(),
        ["serviceurl"] = ServiceUrl,
    };

    public static Dictionary<string, object?> EmulatorV1Claims(DateTimeOffset now) => new()
    {
        ["iss"] = EmulatorV1Issuer,
        ["aud"] = AppId,
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(59).ToUnixTimeSeconds(),
        ["appid"] = AppId,
        ["ver"] = "1.0",
    };

    public static Dictionary<string, object?> EmulatorV2Claims(DateTimeOffset now) => new()
    {
        ["iss"] = EmulatorV2Issuer,
        ["aud"] = AppId,
        ["nbf"] = now.AddMinutes(-1).ToUnixTimeSeconds(),
        ["exp"] = now.AddMinutes(59).ToUnixTimeSeconds(),
        ["azp"] = AppId,
        ["ver"] = "2.0",
    };

    public static string Sign(Dictionary<string, object?> claims, TestKey key, string alg = "RS256", string? kid = null) =>
        SignWithHeader(new Dictionary<string, object?> { ["alg"] = alg, ["typ"] = "JWT", ["kid"] = kid ?? key.Kid }, claims, key);

    /// <summary>A token whose header names its key only by the certificate thumbprint (<c>x5t</c>), with no <c>kid</c>.</summary>
    public static string SignWithThumbprint(Dictionary<string, object?> claims, TestKey key, string thumbprint) =>
        SignWithHeader(new Dictionary<string, object?> { ["alg"] = "RS256", ["typ"] = "JWT", ["x5t"] = thumbprint }, claims, key);

    private static string SignWithHeader(Dictionary<string, object?> header, Dictionary<string, object?> claims, TestKey key)
    {
        var alg = (string)header["alg"]!;
        var signingInput = Encode(header) + "." + Encode(claims);
        var hash = alg switch
        {
            "RS384" => HashAlgorithmName.SHA384,
            "RS512" => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA256,
        };
        var signature = key.Rsa.SignData(Encoding.ASCII.GetBytes(signingInput), hash, RSASignaturePadding.Pkcs1);
        return signingInput + "." + Base64UrlEncoder.Encode(signature);
    }

    public static string Unsigned(Dictionary<string, object?> claims, string kid) =>
        Encode(new Dictionary<string, object?> { ["alg"] = "none", ["typ"] = "JWT", ["kid"] = kid }) + "." + Encode(claims) + ".";

    /// <summary>The classic confusion attack: HMAC with the issuer's public key bytes as the secret.</summary>
    public static string Hs256WithPublicKey(Dictionary<string, object?> claims, TestKey key)
    {
        var signingInput = Encode(new Dictionary<string, object?> { ["alg"] = "HS256", ["typ"] = "JWT", ["kid"] = key.Kid }) + "." + Encode(claims);
        var mac = HMACSHA256.HashData(key.PublicKeyPem(), Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64UrlEncoder.Encode(mac);
    }

    /// <summary>Replaces the payload of a validly signed token, keeping its signature.</summary>
    public static string WithPayload(string token, Dictionary<string, object?> claims)
    {
        var parts = token.Split('.');
        return parts[0] + "." + Encode(claims) + "." + parts[2];
    }

    // JsonNode writes without reflection (the test project disables reflection-based JSON).
    private static string Encode(Dictionary<string, object?> value)
    {
        var json = new JsonObject();
        foreach (var (name, item) in value)
        {
            json[name] = ToNode(item);
        }

        return Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        bool b => JsonValue.Create(b),
        string[] items => new JsonArray(items.Select(i => (JsonNode?)JsonValue.Create(i)).ToArray()),
        JsonNode node => node,
        _ => throw new NotSupportedException($"claim value of type {value.GetType()}"),
    };
}
