using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

/// <summary>The emulator over real loopback HTTP (Kestrel), as the CLI and non-.NET tools use it.</summary>
public class ServerTests
{
    private readonly FakeTimeProvider _clock = new();

    private Task<KlingEmulatorServer> StartAsync(KlingEmulatorOptions? options = null)
    {
        options ??= new KlingEmulatorOptions();
        options.TimeProvider = _clock;
        return KlingEmulator.StartServerAsync(options, cancellationToken: TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_server_listens_on_a_free_loopback_port_and_reports_it()
    {
        await using var server = await StartAsync();

        Assert.Equal("http", server.BaseAddress.Scheme);
        Assert.Equal("127.0.0.1", server.BaseAddress.Host);
        Assert.NotEqual(0, server.BaseAddress.Port);
        Assert.Equal("/", server.BaseAddress.AbsolutePath);
        Assert.Equal(server.BaseAddress, server.Emulator.BaseAddress);
    }

    [Fact]
    public async Task The_sdk_client_works_end_to_end_over_the_socket_including_the_video_download()
    {
        await using var server = await StartAsync();
        var client = server.CreateClient();
        var ct = TestContext.Current.CancellationToken;

        var created = await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromBase64(TestImages.PngBase64()), Prompt = "p", ExternalTaskId = "srv-1" }, ct);
        Assert.Equal(KlingTaskStatus.Submitted, (await client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, ct)).Data.TaskStatus);
        Assert.Single(await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: ct).ToListAsync(ct));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var done = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, created.Data.TaskId, ct);

        var url = Assert.Single(done.Data.TaskResult!.Videos).Url!;
        Assert.Equal(server.BaseAddress.Authority, url.Authority);
        using var http = new HttpClient();
        using var response = await http.GetAsync(url, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        Assert.Equal("video/mp4", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
        Assert.Equal("ftyp"u8.ToArray(), bytes[4..8]);
        Assert.Contains(server.Emulator.Requests, r => r.Endpoint == KlingEmulatorEndpoint.Video && r.ResponseStatusCode == 200);
    }

    [Fact]
    public async Task Raw_http_sees_the_same_wire_format_and_records_headers_and_body()
    {
        await using var server = await StartAsync();
        using var api = new RawApi(new HttpClientHandler(), server.BaseAddress);

        var created = await api.CreateAsync(RawApi.MinimalBody("raw-1"));
        var byExternalId = await api.QueryByExternalIdAsync("raw-1");
        var unauthorized = await new RawApi(new HttpClientHandler(), server.BaseAddress, apiKey: "nope").ListAsync();

        Assert.Equal(200, created.Status);
        Assert.Equal("SUCCEED", created.Message);
        Assert.Equal(created.TaskId, byExternalId.TaskId);
        Assert.Equal((401, 1000), (unauthorized.Status, unauthorized.Code));
        var recorded = server.Emulator.Requests[0];
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/kling/v1/videos/image2video", recorded.Path);
        Assert.Equal("Bearer sk-kling-emulator", recorded.Headers["Authorization"]);
        Assert.Equal(RawApi.MinimalBody("raw-1"), recorded.BodyText);
        Assert.Equal("external_task_id=raw-1", server.Emulator.Requests[1].Query);
    }

    [Fact]
    public async Task Errors_and_retry_after_cross_the_socket()
    {
        await using var server = await StartAsync();
        server.Emulator.Faults.Add(
            KlingEmulatorEndpoint.Create,
            KlingEmulatorFault.KlingError(HttpStatusCode.TooManyRequests, 1303, "parallel task over resource pack limit").WithRetryAfter(TimeSpan.FromSeconds(2)));
        server.Emulator.Faults.Add(KlingEmulatorEndpoint.List, KlingEmulatorFault.Html(HttpStatusCode.ServiceUnavailable));
        using var api = new RawApi(new HttpClientHandler(), server.BaseAddress);

        var throttled = await api.CreateAsync(RawApi.MinimalBody());
        var html = await api.ListAsync();

        Assert.Equal((429, 1303), (throttled.Status, throttled.Code));
        Assert.Equal("2", throttled.RetryAfter);
        Assert.Equal(503, html.Status);
        Assert.Equal("text/html", html.ContentType);
    }

    [Fact]
    public async Task A_dropped_connection_after_processing_is_reconciled_by_external_id_over_the_socket()
    {
        await using var server = await StartAsync();
        server.Emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.DropAfterProcessing());
        var client = server.CreateClient();

        var created = await client.CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/a.png")), ExternalTaskId = "amb" },
            TestContext.Current.CancellationToken);

        var task = Assert.Single(server.Emulator.Tasks);
        Assert.Equal("amb", task.ExternalTaskId);
        Assert.Equal(task.TaskId, created.Data.TaskId);
        Assert.Equal(
            [(KlingEmulatorEndpoint.Create, (int?)null), (KlingEmulatorEndpoint.QueryByExternalId, 200)],
            server.Emulator.Requests.Select(request => (request.Endpoint, request.ResponseStatusCode)));
    }

    [Fact]
    public async Task A_dropped_connection_before_processing_creates_nothing_over_the_socket()
    {
        await using var server = await StartAsync();
        server.Emulator.Faults.Add(KlingEmulatorEndpoint.Create, KlingEmulatorFault.DropBeforeProcessing());
        using var api = new RawApi(new HttpClientHandler(), server.BaseAddress);

        await Assert.ThrowsAsync<HttpRequestException>(() => api.CreateAsync(RawApi.MinimalBody()));

        Assert.Empty(server.Emulator.Tasks);
        Assert.Equal(200, (await api.CreateAsync(RawApi.MinimalBody())).Status);
    }

    [Fact]
    public async Task A_truncated_body_over_the_socket_declares_the_full_length_and_ends_early()
    {
        await using var server = await StartAsync();
        using var setup = new RawApi(new HttpClientHandler(), server.BaseAddress);
        var id = (await setup.CreateAsync(RawApi.MinimalBody())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));
        server.Emulator.Faults.Add(KlingEmulatorEndpoint.Video, KlingEmulatorFault.TruncatedBody());
        using var http = new HttpClient();
        var ct = TestContext.Current.CancellationToken;

        using var response = await http.GetAsync(new Uri(server.BaseAddress, $"emulator/videos/{id}.mp4"), HttpCompletionOption.ResponseHeadersRead, ct);
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var received = new MemoryStream();
        await Assert.ThrowsAnyAsync<IOException>(() => stream.CopyToAsync(received, ct));

        Assert.True(response.Content.Headers.ContentLength > 10_000);
        Assert.Equal(response.Content.Headers.ContentLength / 2, received.Length);
    }

    [Fact]
    public async Task Callbacks_are_posted_over_real_http_to_a_loopback_receiver()
    {
        var received = new List<string>();
        await using var receiver = await StartReceiverAsync(received);
        await using var server = await StartAsync();
        using var api = new RawApi(new HttpClientHandler(), server.BaseAddress);
        var hook = new Uri(receiver.Address, "hook");

        await api.CreateAsync(RawApi.MinimalBody(callbackUrl: hook.AbsoluteUri));
        _clock.Advance(TimeSpan.FromSeconds(5));
        await server.Emulator.WaitForCallbacksAsync(TestContext.Current.CancellationToken);

        Assert.Equal(3, server.Emulator.CallbackDeliveries.Count);
        Assert.All(server.Emulator.CallbackDeliveries, d => Assert.Equal(200, d.ResponseStatusCode));
        lock (received)
        {
            Assert.Equal(["submitted", "processing", "succeed"], received.Select(b => JsonDocument.Parse(b).RootElement.GetProperty("task_status").GetString()));
        }
    }

    [Fact]
    public async Task Many_parallel_socket_clients_are_served_consistently()
    {
        await using var server = await StartAsync();
        var clients = Enumerable.Range(0, 4).Select(_ => server.CreateClient()).ToArray();
        var ct = TestContext.Current.CancellationToken;

        var created = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => clients[i % 4].CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/a.png")), ExternalTaskId = $"p{i}" }, ct)));

        Assert.Equal(100, server.Emulator.Tasks.Count);
        Assert.Equal(100, created.Select(c => c.Data.TaskId).Distinct().Count());
        var listed = new List<string>();
        await foreach (var task in clients[0].ListTasksAsync(KlingTaskKind.ImageToVideo, pageSize: 30, ct))
        {
            listed.Add(task.Data.TaskId);
        }

        Assert.Equal(server.Emulator.Tasks.Select(t => t.TaskId).Reverse(), listed);
    }

    [Fact]
    public async Task Disposing_the_server_closes_the_port()
    {
        var server = await StartAsync();
        var address = server.BaseAddress;
        await server.DisposeAsync();
        await server.DisposeAsync();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await Assert.ThrowsAsync<SocketException>(() => socket.ConnectAsync(IPAddress.Loopback, address.Port, TestContext.Current.CancellationToken).AsTask());
    }

    [Fact]
    public async Task The_server_leaves_process_signals_to_the_program_that_owns_the_process()
    {
        // The host's default lifetime (ConsoleLifetime) would cancel SIGTERM and Ctrl+C for the whole process and only
        // stop this embedded host: a program serving the emulator then ignored `kill` (issue 21).
        await using var server = await StartAsync();

        var lifetime = server.Services.GetRequiredService<Microsoft.Extensions.Hosting.IHostLifetime>();

        Assert.IsNotType<Microsoft.Extensions.Hosting.Internal.ConsoleLifetime>(lifetime);
    }

    [Fact]
    public async Task A_port_already_in_use_fails_the_start()
    {
        await using var first = await StartAsync();

        await Assert.ThrowsAnyAsync<IOException>(() => KlingEmulator.StartServerAsync(port: first.BaseAddress.Port, cancellationToken: TestContext.Current.CancellationToken));
    }

    private static async Task<Receiver> StartReceiverAsync(List<string> received)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            lock (received)
            {
                received.Add(body);
            }

            context.Response.StatusCode = 200;
        });
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Receiver(app, new Uri(address + "/"));
    }

    private sealed class Receiver(WebApplication app, Uri address) : IAsyncDisposable
    {
        public Uri Address { get; } = address;

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync(TestContext.Current.CancellationToken);
            await app.DisposeAsync();
        }
    }
}
