using System.Text;
using System.Text.RegularExpressions;

namespace Chatbot.Dialogs.Runtime;

/// <summary>
/// One passage of a knowledge file: a short section, or one paragraph of a long one, under its headings. <see cref="Heading"/>
/// is the path of headings above it ("Opening hours / Holidays"), kept as context for retrieval and the model.
/// </summary>
internal sealed record KnowledgePassage(string File, int Line, string Heading, string Text)
{
    /// <summary>What retrieval compares the question with: the headings, then the paragraph.</summary>
    public string SearchText => Heading.Length == 0 ? Text : Heading + "\n" + Text;

    /// <summary>Where the passage starts (<c>file:line</c>), for traces and tests.</summary>
    public string Source => File + ":" + Line.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The section's own heading, the last of <see cref="Heading"/> ("Opening hours", not the file's title above every section).</summary>
    public string OwnHeading { get; } = OwnOf(Heading);

    /// <summary>The words of <see cref="OwnHeading"/>, split once when the knowledge is compiled (every question compares them).</summary>
    public IReadOnlyList<string> OwnHeadingWords { get; } = Understanding.UtteranceText.Tokens(OwnOf(Heading));

    // "Lindenplatz Family Practice / Opening hours": the part after the last " / ".
    private static string OwnOf(string heading) => heading[(heading.LastIndexOf(" / ", StringComparison.Ordinal) + 1)..].Trim();
}

/// <summary>The passages of a bot's knowledge files, chunked once when the bot loads.</summary>
internal sealed partial class KnowledgeBase
{
    /// <summary>A bot without knowledge.</summary>
    public static readonly KnowledgeBase Empty = new([]);

    public KnowledgeBase(IReadOnlyList<KnowledgePassage> passages)
    {
        Passages = passages;
        SearchTexts = [.. passages.Select(p => p.SearchText)];
        Texts = [.. passages.Select(p => p.Text)];
    }

    public IReadOnlyList<KnowledgePassage> Passages { get; }

    /// <summary><see cref="KnowledgePassage.SearchText"/> of every passage, in order (the candidates retrieval scores).</summary>
    public IReadOnlyList<string> SearchTexts { get; }

    /// <summary><see cref="KnowledgePassage.Text"/> of every passage, in order (the paragraphs without their headings).</summary>
    public IReadOnlyList<string> Texts { get; }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<int>> _passagesIn = new(StringComparer.Ordinal);
    private IReadOnlyList<int>? _allPassages;

    /// <summary>
    /// The indices of the passages written in <paramref name="language"/> (one of the bot's <paramref name="languages"/>;
    /// a passage whose language is unclear counts for each), or of all of them when none is or the bot has one language.
    /// </summary>
    public IReadOnlyList<int> PassagesIn(string language, IReadOnlyList<string> languages)
    {
        // Asked at every knowledge question (and every unsure question at the top level): the whole list is built once.
        var all = _allPassages ??= [.. Enumerable.Range(0, Passages.Count)];
        if (languages.Count < 2) return all;
        return _passagesIn.GetOrAdd(language, l =>
        {
            var written = all.Where(i => Understanding.LanguageDetector.Detect(Passages[i].SearchText, languages) is not { } detected || detected == l).ToList();
            return written.Count > 0 ? written : all;
        });
    }

    /// <summary>
    /// The <see cref="SearchTexts"/> of the passages <see cref="PassagesIn"/> the language: what a question in that
    /// language is checked against for words the texts never speak of ("Döner" is not the English "done").
    /// </summary>
    public IReadOnlyList<string> SearchTextsIn(string language, IReadOnlyList<string> languages) =>
        languages.Count < 2 ? SearchTexts : _searchTextsIn.GetOrAdd(language, l => [.. PassagesIn(l, languages).Select(i => SearchTexts[i])]);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IReadOnlyList<string>> _searchTextsIn = new(StringComparer.Ordinal);

    /// <summary>
    /// The sentences of the passages that state a fact of <paramref name="kind"/> (<see cref="Understanding.Lexicon.States"/>),
    /// each under its passage's headings (and the sentences that say what its thing is, <see cref="Understanding.Lexicon.Defines"/>),
    /// and the passage each is from: what a question for such a fact is answered from
    /// ("Der Personalausweis kostet 37 Euro" states the price of the ID card, not of the birth certificate the same
    /// passage names). Found once per kind.
    /// </summary>
    public (IReadOnlyList<string> Sentences, IReadOnlyList<int> Passages) Stating(Understanding.AskedFact kind) => _stating.GetOrAdd(kind, k =>
    {
        var sentences = new List<string>();
        var from = new List<int>();
        for (var i = 0; i < Passages.Count; i++)
        {
            var all = SentenceEnd().Split(Passages[i].Text).Where(t => t.Length > 0).ToList();
            // "The excess is the deductible you pay yourself.": named like the headings, for each fact of the section.
            // "Spoke & Chain Bike Repair", above every section of its file, names the business: the e-bikes' "Battery
            // replacements take about a week" states no duration of a repair.
            var heading = SectionHeading(i);
            var names = string.Join("\n", [heading, .. all.Where(t => Understanding.Lexicon.Defines(t, heading))]);
            foreach (var sentence in all.Where(t => Understanding.Lexicon.States(k, t)))
            {
                sentences.Add(names.Length == 0 ? sentence : names + "\n" + sentence);
                from.Add(i);
            }
        }
        return (sentences, from);
    });

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Understanding.AskedFact, (IReadOnlyList<string>, IReadOnlyList<int>)> _stating = new();

    /// <summary>
    /// The headings of a passage without those above every passage of its file (the title naming the business), when the
    /// file has more than one section: what the section itself is about.
    /// </summary>
    public string SectionHeading(int passage)
    {
        var of = Passages[passage];
        var parts = of.Heading.Split(" / ");
        var siblings = Passages.Where(p => p.File == of.File).ToList();
        if (siblings.Select(p => p.Heading).Distinct(StringComparer.Ordinal).Count() < 2) return of.Heading;
        var shared = 0;
        while (shared < parts.Length - 1 && siblings.All(p => p.Heading.Split(" / ") is var h && h.Length > shared && h[shared] == parts[shared])) shared++;
        return string.Join(" / ", parts[shared..]);
    }

    /// <summary>A section up to this long is one passage; a longer one is split into its paragraphs.</summary>
    public const int MaxSectionChars = 600;

    /// <summary>
    /// Splits Markdown into passages: a heading starts a section; a short section (up to <see cref="MaxSectionChars"/>)
    /// is one passage, a longer one a passage per paragraph. A paragraph ending in ':' ("We accept:") stays with the
    /// list after it, and fenced code is never split. Text before the first heading has no heading.
    /// </summary>
    public static IReadOnlyList<KnowledgePassage> Chunk(string file, string markdown)
    {
        var passages = new List<KnowledgePassage>();
        var headings = new List<(int Level, string Text)>();
        var section = new List<(int Line, string Text)>();
        var paragraph = new StringBuilder();
        var start = 0;
        var fenced = false;
        void EndParagraph()
        {
            var text = paragraph.ToString().Trim();
            paragraph.Clear();
            if (text.Length > 0) section.Add((start, text));
        }
        void EndSection()
        {
            EndParagraph();
            if (section.Count == 0) return;
            var heading = string.Join(" / ", headings.Select(h => h.Text));
            var whole = string.Join("\n\n", section.Select(p => p.Text));
            if (whole.Length <= MaxSectionChars) passages.Add(new KnowledgePassage(file, section[0].Line, heading, whole));
            else passages.AddRange(section.Select(p => new KnowledgePassage(file, p.Line, heading, p.Text)));
            section.Clear();
        }
        var lines = markdown.ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) fenced = !fenced;
            if (!fenced && HeadingLine().Match(line) is { Success: true } heading)
            {
                EndSection();
                var level = heading.Groups[1].Length;
                headings.RemoveAll(h => h.Level >= level);
                headings.Add((level, heading.Groups[2].Value.Trim().TrimEnd('#').Trim()));
                continue;
            }
            if (!fenced && line.Trim().Length == 0)
            {
                // "We accept these cards:" belongs with the list that follows it.
                if (!paragraph.ToString().TrimEnd().EndsWith(':')) EndParagraph();
                continue;
            }
            if (paragraph.Length == 0) start = i + 1;
            paragraph.Append(line).Append('\n');
        }
        EndSection();
        return passages;
    }

    // After a sentence's end, before the next one's capital or digit ("ca. vier Wochen" goes on), and between lines (lists).
    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d])|\n+", RegexOptions.CultureInvariant)]
    private static partial Regex SentenceEnd();

    [GeneratedRegex(@"^\s{0,3}(#{1,6})\s+(.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex HeadingLine();
}
