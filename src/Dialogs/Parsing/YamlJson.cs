using System.Globalization;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Chatbot.Dialogs.Parsing;

/// <summary>
/// The one rule for YAML values that become JSON (HTTP bodies, test mocks and expectations): plain
/// <c>true</c>/<c>false</c>, numbers and <c>null</c> keep their type, everything else — and everything quoted — is text.
/// </summary>
internal static class YamlJson
{
    /// <summary>The JSON form of a YAML node.</summary>
    public static JsonElement ToJson(YamlNode node)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) Write(writer, node);
        using var doc = JsonDocument.Parse(buffer.ToArray());
        return doc.RootElement.Clone();
    }

    /// <summary>The typed JSON value of a plain scalar (number, boolean, null); false for anything that is text.</summary>
    public static bool TryTyped(YamlScalarNode scalar, out JsonElement value)
    {
        value = default;
        if (scalar.Style != ScalarStyle.Plain) return false;
        var v = scalar.Value ?? "";
        if (v is "" or "~" or "null" or "true" or "false" || IsJsonNumber(v, out _))
        {
            value = ToJson(scalar);
            return true;
        }
        return false;
    }

    private static void Write(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, child) in map.Children)
                {
                    writer.WritePropertyName((key as YamlScalarNode)?.Value ?? "");
                    Write(writer, child);
                }
                writer.WriteEndObject();
                break;
            case YamlSequenceNode seq:
                writer.WriteStartArray();
                foreach (var item in seq) Write(writer, item);
                writer.WriteEndArray();
                break;
            case YamlScalarNode s when s.Style == ScalarStyle.Plain:
                var v = s.Value ?? "";
                if (v is "" or "~" or "null") writer.WriteNullValue();
                else if (v is "true" or "false") writer.WriteBooleanValue(v == "true");
                else if (IsJsonNumber(v, out var d)) writer.WriteNumberValue(d);
                else writer.WriteStringValue(v);
                break;
            case YamlScalarNode s:
                writer.WriteStringValue(s.Value ?? "");
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>Numbers as YAML writes them; values like <c>007</c> or <c>1.</c> stay text (order numbers, codes).</summary>
    private static bool IsJsonNumber(string v, out double d)
    {
        d = 0;
        var digits = v.TrimStart('-');
        if (digits.Length == 0 || !char.IsDigit(digits[0]) || !char.IsDigit(digits[^1])) return false;
        if (digits.Length > 1 && digits[0] == '0' && digits[1] != '.') return false;
        return double.TryParse(v, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out d);
    }
}
