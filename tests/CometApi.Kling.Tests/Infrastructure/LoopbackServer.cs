using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>
/// A bare Kestrel server on a loopback address that records every request's headers and answers with a test's
/// function: the far end of redirect tests, where what crosses a real socket is what matters.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>E.g. <c>http://127.0.0.2:40123/</c>.</summary>
    public Uri BaseAddress { get; }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    public Func<HttpContext, Task> Respond { get; set; } = context =>
    {
        context.Response.StatusCode = 404;
        return Task.CompletedTask;
    };

    /// <summary>Starts a server on <paramref name="address"/> (any 127.x.y.z works on Linux), port chosen by the system.</summary>
    public static async Task<LoopbackServer> StartAsync(IPAddress address, string? hostName = null)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, 0);
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            server!.Requests.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.Authorization.ToString(),
                context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body.Length));
            await server.Respond(context);
        });
        await app.StartAsync();
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(bound.TrimEnd('/') + "/");
        server = new LoopbackServer(app, hostName is null ? baseAddress : new UriBuilder(baseAddress) { Host = hostName }.Uri);
        return server;
    }

    /// <summary>A second loopback host: 127.0.0.2 where the system allows binding it, else <c>localhost</c> (a different host name for the client either way).</summary>
    public static async Task<LoopbackServer> StartOtherHostAsync()
    {
        try
        {
            return await StartAsync(IPAddress.Parse("127.0.0.2"));
        }
        catch (IOException)
        {
            return await StartAsync(IPAddress.Loopback, hostName: "localhost");
        }
    }

    public async ValueTask DisposeAsync()
    {
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            try
            {
                await _app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Aborted below.
            }
        }

        await _app.DisposeAsync();
    }

    public static Func<HttpContext, Task> Redirect(HttpStatusCode status, Uri location) => context =>
    {
        context.Response.StatusCode = (int)status;
        context.Response.Headers.Location = location.AbsoluteUri;
        return Task.CompletedTask;
    };

    public static Func<HttpContext, Task> Json(string json, HttpStatusCode status = HttpStatusCode.OK) => async context =>
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(json);
    };

    public static Func<HttpContext, Task> Bytes(byte[] bytes) => async context =>
    {
        context.Response.ContentType = "video/mp4";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes);
    };
}

internal sealed record ReceivedRequest(string Method, string PathAndQuery, string Authorization, IReadOnlyDictionary<string, string> Headers, long BodyLength);
