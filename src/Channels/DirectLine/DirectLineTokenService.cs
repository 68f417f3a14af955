using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.DirectLine;

/// <summary>What a valid conversation token says. <see cref="Generation"/> counts refreshes: older generations are revoked.</summary>
internal sealed record DirectLineToken(string ConversationId, string UserId, DateTimeOffset ExpiresAt, long Generation = 0);

/// <summary>The outcome of checking a bearer token; <see cref="Reason"/> is short and safe to return to the client.</summary>
internal readonly record struct TokenCheck(DirectLineToken? Token, int Status, string? Code, string? Reason)
{
    public bool Succeeded => Token is not null;

    public static TokenCheck Ok(DirectLineToken token) => new(token, 200, null, null);

    public static TokenCheck Fail(int status, string code, string reason) => new(null, status, code, reason);
}

/// <summary>
/// Issues and checks conversation tokens: HS256 JWTs carrying the conversation id (<c>conv</c>), the user id
/// (<c>user</c>, which Web Chat reads to pick its user id), the generation (<c>gen</c>, raised by each refresh so the
/// conversation can refuse the older ones) and an expiry. Tokens cannot be forged without the key.
/// </summary>
internal sealed class DirectLineTokenService
{
    private static readonly byte[] Header = Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}""");
    private const string Issuer = "chatbot-directline";

    private readonly byte[] _key;
    private readonly byte[]? _secretHash;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;

    public DirectLineTokenService(IOptions<DirectLineOptions> options, TimeProvider time)
    {
        var o = options.Value;
        _time = time;
        _lifetime = o.TokenLifetime;
        if (!string.IsNullOrEmpty(o.Secret))
        {
            _secretHash = SHA256.HashData(Encoding.UTF8.GetBytes(o.Secret));
        }

        _key = !string.IsNullOrEmpty(o.TokenSigningKey) ? Encoding.UTF8.GetBytes(o.TokenSigningKey)
            // A configured secret gives a stable key, so tokens survive a restart; local mode gets a fresh key per process.
            : !string.IsNullOrEmpty(o.Secret) ? HMACSHA256.HashData(Encoding.UTF8.GetBytes(o.Secret), "directline-token-signing"u8)
            : RandomNumberGenerator.GetBytes(32);
    }

    /// <summary>True when a Direct Line secret is configured (otherwise starting conversations is open).</summary>
    public bool RequiresSecret => _secretHash is not null;

    public TimeSpan Lifetime => _lifetime;

    /// <summary>Constant-time check of a presented secret.</summary>
    public bool IsSecret(string? presented) =>
        _secretHash is not null && presented is not null
        && CryptographicOperations.FixedTimeEquals(_secretHash, SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    public string Issue(string conversationId, string userId, long generation = 0)
    {
        var now = _time.GetUtcNow();
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("iss", Issuer);
            writer.WriteString("conv", conversationId);
            writer.WriteString("user", userId);
            writer.WriteNumber("gen", generation);
            writer.WriteNumber("iat", now.ToUnixTimeSeconds());
            writer.WriteNumber("exp", now.Add(_lifetime).ToUnixTimeSeconds());
            writer.WriteEndObject();
        }

        var payload = buffer.WrittenSpan;
        var signingInput = Base64Url.EncodeToString(Header) + "." + Base64Url.EncodeToString(payload);
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    public TokenCheck Validate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Fail(401, "MissingToken", "A Direct Line token is required (Authorization: Bearer <token>).");
        }

        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return TokenCheck.Fail(403, "TokenInvalid", "The token is not a Direct Line token.");
        }

        try
        {
            var expected = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]));
            var actual = Base64Url.DecodeFromChars(parts[2]);
            if (!CryptographicOperations.FixedTimeEquals(expected, actual))
            {
                return TokenCheck.Fail(403, "TokenInvalid", "The token's signature is not valid (it may come from an earlier server run).");
            }

            using var doc = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
            var root = doc.RootElement;
            var conversationId = root.GetProperty("conv").GetString();
            var userId = root.GetProperty("user").GetString();
            var expiresAt = DateTimeOffset.FromUnixTimeSeconds(root.GetProperty("exp").GetInt64());
            var generation = root.TryGetProperty("gen", out var gen) ? gen.GetInt64() : 0;
            if (string.IsNullOrEmpty(conversationId) || string.IsNullOrEmpty(userId))
            {
                return TokenCheck.Fail(403, "TokenInvalid", "The token names no conversation.");
            }

            if (expiresAt <= _time.GetUtcNow())
            {
                return TokenCheck.Fail(403, "TokenExpired", "The token has expired; start a new conversation.");
            }

            return TokenCheck.Ok(new DirectLineToken(conversationId, userId, expiresAt, generation));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return TokenCheck.Fail(403, "TokenInvalid", "The token is malformed.");
        }
    }
}
