using System.Text;
using CometApi.Kling.Testing.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace CometApi.Kling.Testing.Tests;

public class OfficialAuthTests
{
    private const string OfficialRoute = "v1/videos/image2video";
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero));

    private KlingEmulator Official(KlingEmulatorOptions? options = null)
    {
        options ??= new KlingEmulatorOptions();
        options.Host = KlingHost.Official;
        options.TimeProvider = _clock;
        return new KlingEmulator(options);
    }

    private static RawApi Api(KlingEmulator emulator, string? bearer) => new(emulator, bearer) { RoutePath = OfficialRoute };

    private string ValidJwt(TimeSpan? lifetime = null, TimeSpan? notBeforeOffset = null) =>
        TestJwt.Create(KlingEmulator.DefaultAccessKey, KlingEmulator.DefaultSecretKey, _clock.GetUtcNow(), lifetime, notBeforeOffset);

    [Fact]
    public async Task A_valid_jwt_authenticates_and_every_token_of_the_access_key_sees_its_tasks()
    {
        using var emulator = Official();
        using var api = Api(emulator, ValidJwt());
        var id = (await api.CreateAsync(RawApi.MinimalBody("jwt-1"))).TaskId;
        _clock.Advance(TimeSpan.FromMinutes(1));
        api.ApiKey = ValidJwt();

        var found = await api.QueryAsync(id);

        Assert.Equal(200, found.Status);
        Assert.Equal(KlingEmulator.DefaultAccessKey, Assert.Single(emulator.Tasks).ApiKey);
        var seen = emulator.Requests[0].Authentication!;
        Assert.Equal(KlingEmulatorCredentialKind.Jwt, seen.Kind);
        Assert.True(seen.Succeeded);
        Assert.Equal(KlingEmulator.DefaultAccessKey, seen.AccessKey);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(-1).AddSeconds(-5), seen.NotBefore);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(29), seen.ExpiresAt);
        Assert.Equal(2, emulator.Requests.Select(r => r.Headers["Authorization"]).Distinct().Count());
    }

    [Fact]
    public async Task An_api_key_still_authenticates_on_the_official_host()
    {
        using var emulator = Official();
        using var api = Api(emulator, KlingEmulator.DefaultApiKey);

        var created = await api.CreateAsync(RawApi.MinimalBody());

        Assert.Equal(200, created.Status);
        Assert.Equal(KlingEmulatorCredentialKind.ApiKey, emulator.Requests[0].Authentication!.Kind);
        Assert.Equal(KlingEmulator.DefaultApiKey, Assert.Single(emulator.Tasks).ApiKey);
    }

    [Fact]
    public async Task An_unknown_api_key_gets_401_code_1000_on_the_official_host()
    {
        using var emulator = Official();
        using var api = Api(emulator, "sk-someone-else");

        var answer = await api.ListAsync();

        Assert.Equal(401, answer.Status);
        Assert.Equal(1000, answer.Code);
    }

    [Fact]
    public async Task A_jwt_signed_with_the_wrong_secret_gets_401_code_1000()
    {
        using var emulator = Official();
        using var api = Api(emulator, TestJwt.Create(KlingEmulator.DefaultAccessKey, "not-the-secret", _clock.GetUtcNow()));

        var answer = await api.CreateAsync(RawApi.MinimalBody());

        AssertRefused(answer, 1000);
        Assert.Empty(emulator.Tasks);
        Assert.Equal(1000, emulator.Requests[0].Authentication!.ErrorCode);
    }

    [Fact]
    public async Task A_jwt_whose_signature_was_altered_gets_401_code_1000()
    {
        using var emulator = Official();
        var token = ValidJwt();
        var tampered = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        using var api = Api(emulator, tampered);

        AssertRefused(await api.ListAsync(), 1000);
    }

    [Fact]
    public async Task A_jwt_of_an_unknown_access_key_gets_401_code_1000()
    {
        using var emulator = Official();
        using var api = Api(emulator, TestJwt.Create("ak-nobody", KlingEmulator.DefaultSecretKey, _clock.GetUtcNow()));

        AssertRefused(await api.ListAsync(), 1000);
        Assert.Equal("ak-nobody", emulator.Requests[0].Authentication!.AccessKey);
    }

    [Fact]
    public async Task Configured_access_keys_replace_the_default_pair()
    {
        using var emulator = Official(new KlingEmulatorOptions { AccessKeys = new Dictionary<string, string> { ["ak-mine"] = "sk-mine" } });
        using var mine = Api(emulator, TestJwt.Create("ak-mine", "sk-mine", _clock.GetUtcNow()));
        using var defaults = Api(emulator, ValidJwt());

        Assert.Equal(200, (await mine.ListAsync()).Status);
        AssertRefused(await defaults.ListAsync(), 1000);
    }

    public static TheoryData<string> MalformedTokens()
    {
        var now = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var exp = now.AddMinutes(30).ToUnixTimeSeconds();
        var nbf = now.AddSeconds(-5).ToUnixTimeSeconds();
        const string Hs256 = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        const string Secret = KlingEmulator.DefaultSecretKey;
        const string Ak = KlingEmulator.DefaultAccessKey;
        return new TheoryData<string>
        {
            "abc.def.ghi",
            TestJwt.Base64Url(Encoding.UTF8.GetBytes("[1]")) + ".e30.c2ln",
            TestJwt.Sign("{\"alg\":\"none\",\"typ\":\"JWT\"}", $"{{\"iss\":\"{Ak}\",\"exp\":{exp},\"nbf\":{nbf}}}", Secret),
            TestJwt.Sign("{\"alg\":\"HS512\",\"typ\":\"JWT\"}", $"{{\"iss\":\"{Ak}\",\"exp\":{exp},\"nbf\":{nbf}}}", Secret),
            TestJwt.Sign(Hs256, $"{{\"exp\":{exp},\"nbf\":{nbf}}}", Secret),
            TestJwt.Sign(Hs256, $"{{\"iss\":\"{Ak}\",\"nbf\":{nbf}}}", Secret),
            TestJwt.Sign(Hs256, $"{{\"iss\":\"{Ak}\",\"exp\":{exp}}}", Secret),
            TestJwt.Sign(Hs256, $"{{\"iss\":\"{Ak}\",\"exp\":\"{exp}\",\"nbf\":{nbf}}}", Secret),
            TestJwt.Sign(Hs256, $"{{\"iss\":\"{Ak}\",\"exp\":{exp}.5,\"nbf\":{nbf}}}", Secret),
            TestJwt.Sign(Hs256, $"{{\"iss\":\"{Ak}\",\"exp\":1e400,\"nbf\":{nbf}}}", Secret),
            TestJwt.Sign(Hs256, $"{{\"iss\":\"{Ak}\",\"exp\":99999999999999999,\"nbf\":{nbf}}}", Secret),
        };
    }

    [Theory]
    [MemberData(nameof(MalformedTokens))]
    public async Task A_malformed_jwt_gets_401_code_1002(string token)
    {
        using var emulator = Official();
        using var api = Api(emulator, token);

        var answer = await api.ListAsync();

        AssertRefused(answer, 1002);
        Assert.Equal(KlingEmulatorCredentialKind.Jwt, emulator.Requests[0].Authentication!.Kind);
    }

    [Fact]
    public async Task A_missing_authorization_gets_401_code_1001_on_the_official_host()
    {
        using var emulator = Official();
        using var api = Api(emulator, bearer: null);

        AssertRefused(await api.ListAsync(), 1001);
        Assert.Equal(KlingEmulatorCredentialKind.None, emulator.Requests[0].Authentication!.Kind);
    }

    [Fact]
    public async Task A_jwt_whose_nbf_is_in_the_future_gets_401_code_1003()
    {
        using var emulator = Official();
        using var api = Api(emulator, ValidJwt(notBeforeOffset: TimeSpan.FromSeconds(30)));

        AssertRefused(await api.ListAsync(), 1003);

        _clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(200, (await api.ListAsync()).Status);
    }

    [Fact]
    public async Task A_jwt_gets_401_code_1004_from_the_second_its_exp_is_reached()
    {
        using var emulator = Official();
        using var api = Api(emulator, ValidJwt(lifetime: TimeSpan.FromMinutes(30)));
        Assert.Equal(200, (await api.ListAsync()).Status);

        _clock.Advance(TimeSpan.FromMinutes(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(200, (await api.ListAsync()).Status);
        _clock.Advance(TimeSpan.FromSeconds(1));
        AssertRefused(await api.ListAsync(), 1004);

        Assert.Equal(1, emulator.Requests.Count(r => r.Authentication?.ErrorCode == 1004));
    }

    [Fact]
    public async Task The_CometAPI_host_takes_a_jwt_for_an_unknown_api_key()
    {
        using var emulator = new KlingEmulator(new KlingEmulatorOptions { TimeProvider = _clock });
        using var api = new RawApi(emulator, ValidJwt());

        var answer = await api.ListAsync();

        Assert.Equal(401, answer.Status);
        Assert.Equal(1000, answer.Code);
        Assert.Equal(KlingEmulatorCredentialKind.ApiKey, emulator.Requests[0].Authentication!.Kind);
    }

    [Fact]
    public async Task Result_downloads_carry_no_authentication_record()
    {
        using var emulator = Official(new KlingEmulatorOptions { SubmittedDuration = TimeSpan.Zero, ProcessingDuration = TimeSpan.Zero });
        using var api = Api(emulator, ValidJwt());
        var id = (await api.CreateAsync(RawApi.MinimalBody())).TaskId;

        var download = await api.SendAsync(HttpMethod.Get, $"emulator/videos/{id}.mp4");

        Assert.Equal(200, download.Status);
        Assert.Null(emulator.Requests[^1].Authentication);
    }

    [Fact]
    public void Access_keys_with_an_empty_secret_are_refused_without_naming_a_secret()
    {
        var error = Assert.Throws<ArgumentException>(() => Official(new KlingEmulatorOptions { AccessKeys = new Dictionary<string, string> { ["ak-x"] = string.Empty } }));

        Assert.Contains("AccessKeys", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_official_host_may_run_on_access_keys_alone()
    {
        using var emulator = Official(new KlingEmulatorOptions { ApiKeys = [] });

        Assert.Equal(KlingHost.Official, emulator.Host);
        Assert.Throws<ArgumentException>(() => new KlingEmulator(new KlingEmulatorOptions { ApiKeys = [] }));
    }

    private static void AssertRefused(RawApi.Answer answer, int code)
    {
        Assert.Equal(401, answer.Status);
        Assert.Equal(code, answer.Code);
        Assert.False(string.IsNullOrEmpty(answer.Message));
        Assert.False(string.IsNullOrEmpty(answer.Json.GetProperty("request_id").GetString()));
        Assert.DoesNotContain(KlingEmulator.DefaultSecretKey, answer.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", answer.Text, StringComparison.Ordinal);
    }
}
