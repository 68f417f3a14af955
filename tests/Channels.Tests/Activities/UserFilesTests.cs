using System.Text.Json;
using Chatbot.Channels.Activities;
using Chatbot.Channels.Tests.Payloads;

namespace Chatbot.Channels.Tests.Activities;

/// <summary>A file's link survives only where the channel put it: Teams' download info from Teams, or the activity's serviceUrl host.</summary>
public sealed class UserFilesTests
{
    private static Attachment DownloadInfo(string name, string downloadUrl) => new()
    {
        ContentType = UserFiles.TeamsFileDownloadInfo,
        Name = name,
        ContentUrl = "https://contoso-my.sharepoint.com/personal/megan/Documents/" + name,
        Content = JsonDocument.Parse($$"""{"downloadUrl":"{{downloadUrl}}","uniqueId":"1a2b3c4d","fileType":"{{Path.GetExtension(name).TrimStart('.')}}"}""").RootElement,
    };

    [Fact]
    public void A_Teams_file_keeps_its_download_url_and_id_and_gets_its_content_type_from_the_file_type()
    {
        var message = Payload.Read("teams-personal-message");
        message.Attachments = [DownloadInfo("receipt.pdf", "https://contoso-my.sharepoint.com/_layouts/15/download.aspx?UniqueId=1a2b3c4d")];

        var file = Assert.Single(UserFiles.Read(message));

        Assert.Equal(("application/pdf", "receipt.pdf", "https://contoso-my.sharepoint.com/_layouts/15/download.aspx?UniqueId=1a2b3c4d", "1a2b3c4d", (long?)null),
            (file.ContentType, file.Name, file.Url, file.Id, file.Size));
    }

    [Theory]
    [InlineData("webchat", "https://contoso-my.sharepoint.com/download.aspx")] // download info is believed from Teams only
    [InlineData("msteams", "http://contoso-my.sharepoint.com/download.aspx")] // Teams' links are https
    [InlineData("msteams", "file:///etc/passwd")]
    public void A_download_url_Teams_did_not_send_is_dropped(string channel, string url)
    {
        var message = Payload.Read("teams-personal-message");
        message.ChannelId = channel;
        message.Attachments = [DownloadInfo("receipt.pdf", url)];

        Assert.Null(Assert.Single(UserFiles.Read(message)).Url);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d4-1/views/original", true)]
    [InlineData("https://SMBA.trafficmanager.net/other/path", true)]
    [InlineData("https://attacker.example/amer/v3/attachments/1", false)]
    [InlineData("https://smba.trafficmanager.net.attacker.example/x", false)]
    [InlineData("https://smba.trafficmanager.net:8443/x", false)]
    [InlineData("/v3/attachments/relative", false)]
    public void A_content_url_is_kept_only_on_the_service_url_host(string contentUrl, bool kept)
    {
        var message = Payload.Read("teams-personal-message");
        message.ServiceUrl = "https://smba.trafficmanager.net/amer/";
        message.Attachments = [new Attachment { ContentType = "image/png", Name = "photo.png", ContentUrl = contentUrl }];

        var file = Assert.Single(UserFiles.Read(message));

        Assert.Equal(kept, file.Url is not null);
    }

    [Fact]
    public void Cards_and_the_html_copy_are_not_files_and_a_reported_size_is_read()
    {
        var message = Payload.Read("teams-personal-message");
        message.Attachments =
        [
            new Attachment { ContentType = "application/vnd.microsoft.card.adaptive", Content = JsonDocument.Parse("{}").RootElement },
            new Attachment { ContentType = "text/html", Content = JsonDocument.Parse("\"<p>hi</p>\"").RootElement },
            new Attachment { ContentType = "image/jpeg", Name = "a.jpg", Properties = new Dictionary<string, JsonElement> { [UserFiles.SizeProperty] = JsonDocument.Parse("2048").RootElement } },
            new Attachment { Name = "notes.txt" },
        ];

        var files = UserFiles.Read(message);

        Assert.Equal(new (string, long?)[] { ("image/jpeg", 2048), ("text/plain", null) }, files.Select(f => (f.ContentType, f.Size)));
    }
}
