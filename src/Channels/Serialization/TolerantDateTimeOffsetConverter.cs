using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Chatbot.Channels.Serialization;

/// <summary>Reads every ISO 8601 form channels send and writes the round-trip ("O") form.</summary>
/// <remarks>
/// Channels send <c>Z</c>, <c>+00:00</c>, local offsets such as <c>-07:00</c>, 0 to 7 (sometimes more) fractional
/// digits, and now and then an empty string. A value without an offset is taken as UTC, never as the server's
/// local time, so the result does not depend on where the function happens to run.
/// </remarks>
internal sealed class TolerantDateTimeOffsetConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException("A timestamp must be an ISO 8601 string.");
        }

        // The fast path covers what almost every channel sends.
        if (reader.TryGetDateTimeOffset(out var value) && HasExplicitOffset(ref reader))
        {
            return value;
        }

        var text = reader.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(
                text,
                CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces,
                out value))
        {
            return value;
        }

        throw new JsonException("A timestamp must be an ISO 8601 date and time.");
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStringValue(value.Value.ToString("O", CultureInfo.InvariantCulture));
    }

    // Utf8JsonReader assumes the machine's local zone for values without an offset; those go the slow path (UTC).
    private static bool HasExplicitOffset(ref Utf8JsonReader reader)
    {
        ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (raw.Length == 0)
        {
            return false;
        }

        var last = raw[^1];
        if (last is (byte)'Z' or (byte)'z')
        {
            return true;
        }

        // ...+hh:mm / -hh:mm / +hhmm after the time part (the date part has '-' too, so look past the 'T').
        var t = raw.IndexOfAny((byte)'T', (byte)'t');
        if (t < 0)
        {
            return false;
        }

        for (var i = t + 1; i < raw.Length; i++)
        {
            if (raw[i] is (byte)'+' or (byte)'-')
            {
                return true;
            }
        }

        return false;
    }
}
