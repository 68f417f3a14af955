using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Chatbot.Bot.Hosting;

/// <summary>Browser-facing hardening for a host that serves the built-in Web Chat page.</summary>
public static class SecurityHeadersServiceCollectionExtensions
{
    /// <summary>
    /// The page's policy: scripts only from this site (the Web Chat bundle and chat.js, no inline script, no eval);
    /// Web Chat injects its styles at run time, hence 'unsafe-inline' for styles only; images and workers it creates as
    /// blob: URLs; connections (fetch and the Direct Line WebSocket) only to this site, plus the page's own blob: URLs
    /// (Direct Line reads an attached file from its blob: URL before uploading it); never framed by another site.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
        + "font-src 'self' data:; media-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self' blob:; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// Adds security headers to every response (Content-Security-Policy, X-Content-Type-Options, X-Frame-Options,
    /// Referrer-Policy) ahead of everything else in the pipeline, and stops Kestrel announcing itself (<c>Server</c>).
    /// </summary>
    public static IServiceCollection AddChatbotSecurityHeaders(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);
        services.AddTransient<IStartupFilter, SecurityHeadersStartupFilter>();
        return services;
    }

    private sealed class SecurityHeadersStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
