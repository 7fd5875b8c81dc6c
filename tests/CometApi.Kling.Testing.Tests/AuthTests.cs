using CometApi.Kling.Testing.Tests.Infrastructure;

namespace CometApi.Kling.Testing.Tests;

public class AuthTests
{
    [Fact]
    public async Task A_request_without_authorization_gets_401_code_1001()
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator, apiKey: null);

        var answer = await api.CreateAsync(RawApi.MinimalBody());

        Assert.Equal(401, answer.Status);
        Assert.Equal(1001, answer.Code);
        Assert.Empty(emulator.Tasks);
    }

    [Theory]
    [InlineData("Basic c2stazp4")]
    [InlineData("Bearer")]
    [InlineData("Bearer ")]
    [InlineData("sk-kling-emulator")]
    public async Task A_malformed_authorization_gets_401_code_1002(string header)
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator, apiKey: null);

        var answer = await api.SendAsync(HttpMethod.Get, RawApi.Route, configure: r => r.Headers.TryAddWithoutValidation("Authorization", header));

        Assert.Equal(401, answer.Status);
        Assert.Equal(1002, answer.Code);
    }

    [Fact]
    public async Task An_unknown_key_gets_401_code_1000()
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator, apiKey: "sk-someone-else");

        var answer = await api.ListAsync();

        Assert.Equal(401, answer.Status);
        Assert.Equal(1000, answer.Code);
    }

    [Fact]
    public async Task The_bearer_scheme_is_case_insensitive()
    {
        using var emulator = new KlingEmulator();
        using var api = new RawApi(emulator, apiKey: null);

        var answer = await api.SendAsync(HttpMethod.Get, RawApi.Route, configure: r => r.Headers.TryAddWithoutValidation("Authorization", "bearer sk-kling-emulator"));

        Assert.Equal(200, answer.Status);
    }

    [Fact]
    public async Task Every_api_endpoint_requires_the_key_but_videos_do_not()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { SubmittedDuration = TimeSpan.Zero, ProcessingDuration = TimeSpan.Zero });
        using var api = new RawApi(emulator);
        var id = (await api.CreateAsync(RawApi.MinimalBody("e1"))).TaskId;
        api.ApiKey = null;

        Assert.Equal(401, (await api.CreateAsync(RawApi.MinimalBody())).Status);
        Assert.Equal(401, (await api.QueryAsync(id)).Status);
        Assert.Equal(401, (await api.QueryByExternalIdAsync("e1")).Status);
        Assert.Equal(401, (await api.ListAsync()).Status);
        Assert.Equal(200, (await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4")).Status);
    }

    [Fact]
    public async Task Tasks_are_scoped_per_key()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { ApiKeys = ["sk-a", "sk-b"] });
        using var a = new RawApi(emulator, "sk-a");
        using var b = new RawApi(emulator, "sk-b");
        var id = (await a.CreateAsync(RawApi.MinimalBody("shared-id"))).TaskId;

        Assert.Equal(404, (await b.QueryAsync(id)).Status);
        Assert.Equal(404, (await b.QueryByExternalIdAsync("shared-id")).Status);
        Assert.Equal(0, (await b.ListAsync()).Data.GetArrayLength());
        Assert.Equal(1, (await a.ListAsync()).Data.GetArrayLength());

        // External ids are unique per key, not globally.
        Assert.Equal(200, (await b.CreateAsync(RawApi.MinimalBody("shared-id"))).Status);
        Assert.Equal(["sk-a", "sk-b"], emulator.Tasks.Select(t => t.ApiKey).ToArray());
    }

    [Fact]
    public async Task Accepting_any_key_still_keeps_each_keys_tasks_apart()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { AcceptAnyApiKey = true });
        using var a = new RawApi(emulator, "anything-1");
        using var b = new RawApi(emulator, "anything-2");

        var id = (await a.CreateAsync(RawApi.MinimalBody())).TaskId;

        Assert.Equal(200, (await a.QueryAsync(id)).Status);
        Assert.Equal(404, (await b.QueryAsync(id)).Status);
    }

    [Fact]
    public async Task CreateClient_uses_the_first_configured_key_when_the_default_one_is_not_accepted()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { ApiKeys = ["sk-custom"] });
        var client = emulator.CreateClient();

        await client.ListTasksAsync(KlingTaskKind.ImageToVideo, cancellationToken: TestContext.Current.CancellationToken).ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal("Bearer sk-custom", Assert.Single(emulator.Requests).Headers["Authorization"]);
    }
}
