using Chatbot.Dialogs.Runtime;

namespace Chatbot.Dialogs.Tests.Runtime;

public sealed class KnowledgeBaseTests
{
    [Fact]
    public void Paragraphs_become_passages_under_their_heading_path()
    {
        var passages = KnowledgeBase.Chunk("clinic.md", """
            Welcome to the practice.

            # Opening hours
            Monday to Friday 8:00–18:00.

            ## Holidays
            Closed on public holidays.
            Call 112 in an emergency.

            # Parking
            Free parking behind the building.
            """);

        Assert.Equal(
            [("", "Welcome to the practice.", 1), ("Opening hours", "Monday to Friday 8:00–18:00.", 4), ("Opening hours / Holidays", "Closed on public holidays.\nCall 112 in an emergency.", 7), ("Parking", "Free parking behind the building.", 11)],
            passages.Select(p => (p.Heading, p.Text, p.Line)));
        Assert.Equal("clinic.md:7", passages[2].Source);
        Assert.Equal("Opening hours / Holidays\nClosed on public holidays.\nCall 112 in an emergency.", passages[2].SearchText);
    }

    [Fact]
    public void A_short_section_is_one_passage_and_a_long_one_a_passage_per_paragraph()
    {
        var longParagraph = string.Join(" ", Enumerable.Repeat("Our team speaks English, German and Turkish.", 15));
        var passages = KnowledgeBase.Chunk("f.md", $"""
            # Opening hours
            Monday to Friday 8:00–18:00.

            Closed on weekends.

            # Team
            {longParagraph}

            Dr. Berger is a general practitioner.
            """);

        Assert.Equal(
            [("Opening hours", "Monday to Friday 8:00–18:00.\n\nClosed on weekends.", 2), ("Team", longParagraph, 7), ("Team", "Dr. Berger is a general practitioner.", 9)],
            passages.Select(p => (p.Heading, p.Text, p.Line)));
    }

    [Fact]
    public void A_paragraph_ending_in_a_colon_keeps_its_list_and_fenced_text_is_never_split()
    {
        var passages = KnowledgeBase.Chunk("f.md", """
            # Insurance
            We accept:

            - AOK
            - TK

            ```
            # not a heading

            still the same block
            ```
            """);

        var passage = Assert.Single(passages);
        Assert.StartsWith("We accept:\n- AOK\n- TK\n\n```", passage.Text);
        Assert.Contains("# not a heading\n\nstill the same block", passage.Text);
        Assert.Equal("Insurance", passage.Heading);
    }

    [Fact]
    public void A_file_of_headings_only_has_no_passages() =>
        Assert.Empty(KnowledgeBase.Chunk("f.md", "# One\n\n## Two\n"));
}
