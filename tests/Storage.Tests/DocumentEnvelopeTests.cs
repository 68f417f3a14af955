using System.Text;

namespace Chatbot.Storage.Tests;

public sealed class DocumentEnvelopeTests
{
    [Fact]
    public void The_state_is_returned_as_its_exact_bytes_whatever_else_the_item_holds()
    {
        const string state = "{ \"a\" : [1, 2.50, \"\\u00e9\"],\n  \"b\": {} }";
        var item = $$"""{"_rid":"x","id":"conv-1","ttl":60,"state":{{state}},"_etag":"\"1\"","_ts":1795754746}""";

        var (id, key, bytes) = DocumentEnvelope.Unwrap(Encoding.UTF8.GetBytes(item));

        Assert.Equal("conv-1", id);
        Assert.Null(key);
        Assert.Equal(state, Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void A_shortened_id_records_the_whole_key_and_a_read_for_another_key_is_refused()
    {
        var key = "msteams:" + new string('a', 300);
        var id = DocumentIds.ToDocumentId(key);
        var item = DocumentEnvelope.Wrap(id, Encoding.UTF8.GetBytes("{}"), null, key);

        var (storedId, storedKey, _) = DocumentEnvelope.Unwrap(item);

        Assert.Equal(id, storedId);
        Assert.Equal(key, storedKey);
        DocumentEnvelope.EnsureBelongsTo(key, storedId, storedKey);
        var ex = Assert.Throws<InvalidDataException>(() => DocumentEnvelope.EnsureBelongsTo(key + "b", storedId, storedKey));
        Assert.Contains("belongs to another conversation", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_that_is_its_own_id_is_not_written_twice()
    {
        var item = DocumentEnvelope.Wrap("conv-1", Encoding.UTF8.GetBytes("{}"), null, "conv-1");

        Assert.Equal("""{"id":"conv-1","state":{}}""", Encoding.UTF8.GetString(item));
    }

    [Fact]
    public void Wrapping_writes_id_ttl_and_the_raw_state()
    {
        var item = DocumentEnvelope.Wrap("conv-1", Encoding.UTF8.GetBytes("""{"x":"é"}"""), 3600);

        Assert.Equal("""{"id":"conv-1","ttl":3600,"state":{"x":"é"}}""", Encoding.UTF8.GetString(item));
    }

    [Theory]
    [InlineData("""{"id":"conv-1"}""", "no \"state\"")]
    [InlineData("""[1,2]""", "not a JSON object")]
    [InlineData("""{"id":"conv-1","state":{""", "not valid JSON")]
    [InlineData("""{"state":1} {}""", "not valid JSON")]
    public void A_damaged_item_is_reported_with_what_is_wrong(string item, string expected)
    {
        var ex = Assert.Throws<InvalidDataException>(() => DocumentEnvelope.Unwrap(Encoding.UTF8.GetBytes(item)));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
