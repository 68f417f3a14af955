using Chatbot.Channels.Auth;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chatbot.Channels.Tests.Auth;

public sealed class BotAuthenticationOptionsTests
{
    private static BotAuthenticationOptions Bind(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)))
            .Build();
        var services = new ServiceCollection().AddLogging().AddBotAuthentication(configuration).BuildServiceProvider();
        return services.GetRequiredService<IOptions<BotAuthenticationOptions>>().Value;
    }

    private static string ValidationError(params (string Key, string Value)[] settings)
    {
        var ex = Assert.Throws<OptionsValidationException>(() => Bind(settings));
        return ex.Message;
    }

    [Fact]
    public void Settings_bind_from_the_configuration_root_with_the_Microsoft_SDK_names()
    {
        var options = Bind(
            ("MicrosoftAppType", "SingleTenant"),
            ("MicrosoftAppId", "app"),
            ("MicrosoftAppPassword", "secret"),
            ("MicrosoftAppTenantId", "tenant"),
            ("ToChannelFromBotOAuthScope", "https://scope.example"));

        Assert.Equal("SingleTenant", options.MicrosoftAppType);
        Assert.Equal("app", options.MicrosoftAppId);
        Assert.Equal("secret", options.MicrosoftAppPassword);
        Assert.Equal("tenant", options.MicrosoftAppTenantId);
        Assert.Equal("https://scope.example", options.ToChannelFromBotOAuthScope);
    }

    [Fact]
    public void No_settings_resolve_to_public_cloud_defaults_and_local_mode()
    {
        var endpoints = AuthenticationEndpoints.From(new BotAuthenticationOptions());

        Assert.False(endpoints.HasAppId);
        Assert.Equal("MultiTenant", endpoints.AppType);
        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", endpoints.ChannelOpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration", endpoints.EmulatorOpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.com", endpoints.ChannelTokenIssuer);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", endpoints.LoginUrl);
        Assert.False(endpoints.LoginUrlOverridden);
        Assert.Equal("https://api.botframework.com/.default", endpoints.TokenScope);
        Assert.Equal("urn:botframework:azure", endpoints.CallerId);
        Assert.Equal(4, endpoints.EmulatorIssuers.Count);
        Assert.Contains("https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/", endpoints.EmulatorIssuers);
        Assert.Contains("https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0", endpoints.EmulatorIssuers);
    }

    [Fact]
    public void Overriding_one_endpoint_keeps_the_defaults_of_all_others()
    {
        var endpoints = AuthenticationEndpoints.From(new BotAuthenticationOptions { ToBotFromChannelOpenIdMetadataUrl = "https://127.0.0.1:5001/meta" });

        Assert.Equal("https://127.0.0.1:5001/meta", endpoints.ChannelOpenIdMetadataUrl);
        Assert.Equal("https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration", endpoints.EmulatorOpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.com", endpoints.ChannelTokenIssuer);
        Assert.Equal("https://login.microsoftonline.com/botframework.com", endpoints.LoginUrl);
        Assert.Equal("https://api.botframework.com/.default", endpoints.TokenScope);
    }

    [Fact]
    public void Overridden_login_url_is_used_as_is_and_marked_as_overridden()
    {
        var endpoints = AuthenticationEndpoints.From(new BotAuthenticationOptions
        {
            MicrosoftAppType = "SingleTenant",
            MicrosoftAppTenantId = "tenant-1",
            ToChannelFromBotLoginUrl = "https://127.0.0.1:5001/botframework.com/",
        });

        Assert.Equal("https://127.0.0.1:5001/botframework.com", endpoints.LoginUrl);
        Assert.True(endpoints.LoginUrlOverridden);
    }

    [Fact]
    public void Single_tenant_bot_gets_its_tenant_authority_and_emulator_issuers()
    {
        var endpoints = AuthenticationEndpoints.From(new BotAuthenticationOptions { MicrosoftAppType = "singletenant", MicrosoftAppTenantId = "tenant-1" });

        Assert.Equal("https://login.microsoftonline.com/tenant-1", endpoints.LoginUrl);
        Assert.Contains("https://sts.windows.net/tenant-1/", endpoints.EmulatorIssuers);
        Assert.Contains("https://login.microsoftonline.com/tenant-1/v2.0", endpoints.EmulatorIssuers);
    }

    [Fact]
    public void Government_channel_service_selects_government_defaults()
    {
        var endpoints = AuthenticationEndpoints.From(new BotAuthenticationOptions { ChannelService = "https://botframework.azure.us" });

        Assert.True(endpoints.IsGovernment);
        Assert.Equal("https://login.botframework.azure.us/v1/.well-known/openidconfiguration", endpoints.ChannelOpenIdMetadataUrl);
        Assert.Equal("https://api.botframework.us", endpoints.ChannelTokenIssuer);
        Assert.Equal("https://login.microsoftonline.us/MicrosoftServices.onmicrosoft.us", endpoints.LoginUrl);
        Assert.Equal("https://api.botframework.us/.default", endpoints.TokenScope);
        Assert.Equal("urn:botframework:azureusgov", endpoints.CallerId);
        Assert.Contains("https://login.microsoftonline.us/cab8a31a-1906-4287-a0d8-4eef66b95f6e/v2.0", endpoints.EmulatorIssuers);
    }

    [Fact]
    public void Government_cloud_with_one_override_keeps_government_defaults_for_the_rest()
    {
        var endpoints = AuthenticationEndpoints.From(new BotAuthenticationOptions
        {
            ChannelService = "https://botframework.azure.us",
            ToChannelFromBotOAuthScope = "https://custom.scope/.default",
        });

        Assert.Equal("https://custom.scope/.default", endpoints.TokenScope);
        Assert.Equal("https://api.botframework.us", endpoints.ChannelTokenIssuer);
    }

    [Fact]
    public void Single_tenant_without_tenant_id_fails_at_start_naming_the_setting() =>
        Assert.Contains(
            "MicrosoftAppTenantId is required when MicrosoftAppType is SingleTenant",
            ValidationError(("MicrosoftAppType", "SingleTenant"), ("MicrosoftAppId", "app"), ("MicrosoftAppPassword", "secret")),
            StringComparison.Ordinal);

    [Fact]
    public void Unknown_app_type_fails_at_start_listing_the_allowed_values() =>
        Assert.Contains(
            "MicrosoftAppType 'Multi' is not supported; use MultiTenant, SingleTenant or UserAssignedMSI.",
            ValidationError(("MicrosoftAppType", "Multi")),
            StringComparison.Ordinal);

    [Fact]
    public void App_id_without_password_fails_at_start() =>
        Assert.Contains("MicrosoftAppPassword is required", ValidationError(("MicrosoftAppId", "app")), StringComparison.Ordinal);

    [Fact]
    public void Managed_identity_without_client_id_fails_at_start() =>
        Assert.Contains("MicrosoftAppId is required when MicrosoftAppType is UserAssignedMSI", ValidationError(("MicrosoftAppType", "UserAssignedMSI")), StringComparison.Ordinal);

    [Fact]
    public void Managed_identity_needs_no_password()
    {
        var options = Bind(("MicrosoftAppType", "UserAssignedMSI"), ("MicrosoftAppId", "client-id"));

        Assert.Equal("client-id", options.MicrosoftAppId);
    }

    [Theory]
    [InlineData("ToBotFromChannelOpenIdMetadataUrl")]
    [InlineData("ToBotFromEmulatorOpenIdMetadataUrl")]
    [InlineData("ToChannelFromBotLoginUrl")]
    public void Plain_http_endpoint_fails_at_start_naming_the_setting(string setting) =>
        Assert.Contains($"{setting} must be an absolute https URL", ValidationError((setting, "http://login.example.com/x")), StringComparison.Ordinal);

    [Theory]
    [InlineData("https://127.0.0.1:5001/")]
    [InlineData("https://127.0.0.1:5001/login/tenant")]
    [InlineData("https://127.0.0.1:5001/tenant?x=1")]
    public void Login_url_not_of_the_form_host_tenant_fails_at_start(string url) =>
        Assert.Contains("ToChannelFromBotLoginUrl must be https://host/{tenant} with exactly one path segment", ValidationError(("ToChannelFromBotLoginUrl", url)), StringComparison.Ordinal);

    [Fact]
    public void Login_url_with_a_tenant_segment_and_trailing_slash_is_valid()
    {
        var options = Bind(("ToChannelFromBotLoginUrl", "https://127.0.0.1:5001/botframework.com/"));

        Assert.Equal("https://127.0.0.1:5001/botframework.com/", options.ToChannelFromBotLoginUrl);
    }

    [Fact]
    public void Unknown_channel_service_fails_at_start() =>
        Assert.Contains("ChannelService 'https://botframework.example' is not supported", ValidationError(("ChannelService", "https://botframework.example")), StringComparison.Ordinal);

    [Fact]
    public void Empty_configuration_is_valid_local_mode()
    {
        var options = Bind();

        Assert.Null(options.MicrosoftAppId);
    }
}
