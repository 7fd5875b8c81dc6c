using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class VideoTests
{
    private readonly FakeTimeProvider _clock = new();

    private async Task<(KlingEmulator Emulator, RawApi Api, string TaskId)> SucceededTaskAsync()
    {
        var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        var api = new RawApi(emulator, apiKey: null);
        api.ApiKey = KlingEmulator.DefaultApiKey;
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));
        api.ApiKey = null;
        return (emulator, api, id);
    }

    [Fact]
    public async Task The_video_is_a_genuine_mp4_with_content_type_and_length_and_needs_no_key()
    {
        var (emulator, api, id) = await SucceededTaskAsync();
        using (emulator)
        using (api)
        {
            var answer = await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4");

            Assert.Equal(200, answer.Status);
            Assert.Equal("video/mp4", answer.ContentType);
            Assert.Equal(answer.Body.Length, answer.ContentLength);
            Assert.Equal("ftyp"u8.ToArray(), answer.Body[4..8]);
            Assert.Equal("isom"u8.ToArray(), answer.Body[8..12]);
            Assert.Equal("bytes", answer.Headers["Accept-Ranges"]);
            var request = emulator.Requests[^1];
            Assert.Equal(KlingEmulatorEndpoint.Video, request.Endpoint);
            Assert.Equal(id, request.TaskId);
        }
    }

    [Fact]
    public async Task A_video_is_not_served_before_the_task_succeeded()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;

        Assert.Equal(404, (await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4")).Status);
        Assert.Equal(404, (await api.SendAsync(HttpMethod.Get, "emulator/videos/999.mp4")).Status);
        Assert.Equal(404, (await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}")).Status);
    }

    [Fact]
    public async Task A_path_outside_the_result_folders_is_an_unknown_route_not_a_missing_video()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;
        _clock.Advance(TimeSpan.FromSeconds(5));

        var answer = await api.SendAsync(HttpMethod.Get, $"emulator/thumbnails/{id}.mp4");

        Assert.Equal((404, 1202), (answer.Status, answer.Code));
        Assert.Equal(KlingEmulatorEndpoint.Other, emulator.Requests[^1].Endpoint);
    }

    [Fact]
    public async Task A_range_request_gets_206_with_content_range()
    {
        var (emulator, api, id) = await SucceededTaskAsync();
        using (emulator)
        using (api)
        {
            var full = (await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4")).Body;

            var middle = await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4", configure: r => r.Headers.Range = new(100, 199));
            var tail = await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4", configure: r => r.Headers.Range = new(null, 10));
            var open = await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4", configure: r => r.Headers.Range = new(full.Length - 5, null));
            var beyond = await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4", configure: r => r.Headers.Range = new(full.Length, null));

            Assert.Equal(206, middle.Status);
            Assert.Equal(full[100..200], middle.Body);
            Assert.Equal($"bytes 100-199/{full.Length}", middle.Headers["Content-Range"]);
            Assert.Equal(full[^10..], tail.Body);
            Assert.Equal(full[^5..], open.Body);
            Assert.Equal(416, beyond.Status);
            Assert.Equal($"bytes */{full.Length}", beyond.Headers["Content-Range"]);
        }
    }

    [Fact]
    public async Task A_head_request_gets_the_length_without_the_body()
    {
        var (emulator, api, id) = await SucceededTaskAsync();
        using (emulator)
        using (api)
        {
            var head = await api.SendAsync(HttpMethod.Head, $"emulator/videos/{id}.mp4");

            Assert.Equal(200, head.Status);
            Assert.Empty(head.Body);
            Assert.True(head.ContentLength > 10_000);
        }
    }

    [Fact]
    public async Task A_truncated_video_download_breaks_half_way()
    {
        var (emulator, api, id) = await SucceededTaskAsync();
        using (emulator)
        using (api)
        {
            emulator.Faults.Add(KlingEmulatorEndpoint.Video, KlingEmulatorFault.TruncatedBody());

            await Assert.ThrowsAsync<HttpRequestException>(() => api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4"));
            Assert.Equal(200, (await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4")).Status);
        }
    }
}
