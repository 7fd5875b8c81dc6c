using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CometApi.Kling.Testing.Internal;

/// <summary>The loopback door: a bare Kestrel app (no routing, no logging) whose single endpoint hands every request to the engine.</summary>
internal static class EmulatorServerHost
{
    /// <summary>Far above any valid create (a 10 MB image is about 13.4 MB as base64), so the body limit is the emulator's, not Kestrel's.</summary>
    private const long MaxRequestBodyBytes = 64 * 1024 * 1024;

    public static async Task<KlingEmulatorServer> StartAsync(KlingEmulator emulator, int port, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, IPEndPoint.MaxPort);

        // The empty builder reads no appsettings, environment variables or ASPNETCORE_URLS: the emulator binds where told.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        // Not the default ConsoleLifetime: a library must not take the process's SIGTERM/Ctrl+C (see SignalFreeHostLifetime).
        builder.Services.AddSingleton<IHostLifetime, SignalFreeHostLifetime>();
        var app = builder.Build();
        var engine = emulator.Engine;
        app.Run(context => HandleAsync(context, engine));
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("Kestrel started without reporting its address.");
        var baseAddress = new Uri(address.TrimEnd('/') + "/");
        engine.BaseAddress = baseAddress;
        return new KlingEmulatorServer(app, emulator, baseAddress);
    }

    private static async Task HandleAsync(HttpContext context, EmulatorEngine engine)
    {
        var request = context.Request;
        byte[] body;
        using (var buffer = new MemoryStream())
        {
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = string.Join(", ", values.ToArray());
        }

        var query = request.QueryString.HasValue ? request.QueryString.Value![1..] : string.Empty;
        var path = (request.PathBase + request.Path).ToUriComponent();
        var engineRequest = new EngineRequest(request.Method, path, query, headers, body);
        EngineResponse answer;
        try
        {
            answer = await engine.HandleAsync(engineRequest, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away during scripted latency: nobody is left to answer.
            return;
        }

        if (answer.Disposition == EngineDisposition.Drop)
        {
            context.Abort();
            return;
        }

        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.Append(name, value);
        }

        if (answer.ContentType is not null)
        {
            response.ContentType = answer.ContentType;
        }

        response.ContentLength = answer.Body.Length;
        if (engineRequest.IsHead)
        {
            return;
        }

        if (answer.Disposition == EngineDisposition.Truncate)
        {
            // Promise the whole body, deliver half, end the response. Kestrel then closes the connection itself once the
            // half is sent (it must: the client cannot know where the next response would start). Aborting instead
            // could reset the connection before the headers even reach the client.
            await response.Body.WriteAsync(answer.Body.AsMemory(0, answer.Body.Length / 2), context.RequestAborted).ConfigureAwait(false);
            return;
        }

        await response.Body.WriteAsync(answer.Body, context.RequestAborted).ConfigureAwait(false);
    }
}
