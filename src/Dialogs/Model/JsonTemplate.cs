using System.Text.Json;
using Chatbot.Dialogs.Diagnostics;

namespace Chatbot.Dialogs.Model;

/// <summary>
/// A JSON value written in YAML (an <c>http</c> step's <c>body</c>): objects, lists, numbers, booleans and null keep
/// their type; text may hold <c>{{ slot }}</c> placeholders; a text that is exactly one placeholder is the slot's
/// value with its own type.
/// </summary>
internal abstract record JsonTemplate(SourceSpan Span);

/// <summary>A mapping: properties in the order written.</summary>
internal sealed record JsonTemplateObject(IReadOnlyList<KeyValuePair<string, JsonTemplate>> Properties, SourceSpan Span) : JsonTemplate(Span);

/// <summary>A list.</summary>
internal sealed record JsonTemplateArray(IReadOnlyList<JsonTemplate> Items, SourceSpan Span) : JsonTemplate(Span);

/// <summary>A value without placeholders: number, boolean, null or text.</summary>
internal sealed record JsonTemplateLiteral(JsonElement Value, SourceSpan Span) : JsonTemplate(Span);

/// <summary>Text with placeholders around other text (<c>"Order for {{ name }}"</c>): always JSON text.</summary>
internal sealed record JsonTemplateText(string Template, SourceSpan Span) : JsonTemplate(Span);

/// <summary>Exactly one placeholder (<c>"{{ quantity }}"</c>): the slot's stored value as it is (a number stays a number); null when unset.</summary>
internal sealed record JsonTemplateSlot(string Slot, SourceSpan Span) : JsonTemplate(Span);
