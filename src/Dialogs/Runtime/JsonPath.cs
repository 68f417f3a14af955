using System.Text.Json;

namespace Chatbot.Dialogs.Runtime;

/// <summary>The small JSON path subset of HTTP result mappings: <c>$</c>, <c>.name</c>, <c>[index]</c>.</summary>
internal static class JsonPath
{
    public static bool TryParse(string path, out IReadOnlyList<object> segments)
    {
        var list = new List<object>();
        segments = list;
        if (!path.StartsWith('$')) return false;
        var i = 1;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var start = ++i;
                while (i < path.Length && path[i] is not ('.' or '[')) i++;
                if (i == start) return false;
                list.Add(path[start..i]);
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0 || !int.TryParse(path.AsSpan(i + 1, end - i - 1), out var index) || index < 0) return false;
                list.Add(index);
                i = end + 1;
            }
            else
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Follows the path; null when any segment is missing.</summary>
    public static JsonElement? Select(JsonElement root, string path)
    {
        if (!TryParse(path, out var segments)) return null;
        var current = root;
        foreach (var segment in segments)
        {
            if (segment is string name)
            {
                if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current)) return null;
            }
            else
            {
                var index = (int)segment;
                if (current.ValueKind != JsonValueKind.Array || index >= current.GetArrayLength()) return null;
                current = current[index];
            }
        }
        return current;
    }
}
