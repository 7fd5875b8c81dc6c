using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>Each host and each kind of credential binds from configuration ("Kling": { … }) and is checked at start.</summary>
public class HostConfigurationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static (ServiceProvider Provider, RecordingApi Api) Build(Dictionary<string, string?> values)
    {
        var api = new RecordingApi();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddKlingClient(configuration.GetSection("Kling")).ConfigurePrimaryHttpMessageHandler(() => api);
        return (services.BuildServiceProvider(), api);
    }

    [Fact]
    public async Task CometApi_with_an_api_key_binds_as_before()
    {
        var (provider, api) = Build(new() { ["Kling:ApiKey"] = "sk-comet" });
        using var _ = provider;

        await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        var request = Assert.Single(api.Requests);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video/1", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer sk-comet", request.Authorization);
    }

    [Fact]
    public async Task Official_with_an_api_key_binds_from_the_Host_setting()
    {
        var (provider, api) = Build(new() { ["Kling:Host"] = "Official", ["Kling:ApiKey"] = "kling-key" });
        using var _ = provider;

        await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        var request = Assert.Single(api.Requests);
        Assert.Equal("https://api-singapore.klingai.com/v1/videos/image2video/1", request.Uri.AbsoluteUri);
        Assert.Equal("Bearer kling-key", request.Authorization);
    }

    [Fact]
    public async Task Official_with_an_access_key_and_secret_key_sends_signed_tokens()
    {
        var (provider, api) = Build(new() { ["Kling:Host"] = "official", ["Kling:AccessKey"] = "ak-1", ["Kling:SecretKey"] = "sk-secret-1" });
        using var _ = provider;

        await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        var (_, claims, valid) = Jwt.Read(Assert.Single(api.Requests).Authorization!, "sk-secret-1");
        Assert.True(valid);
        Assert.Equal("ak-1", claims.GetProperty("iss").GetString());
    }

    [Fact]
    public async Task A_gateway_binds_its_base_address_and_route_prefix()
    {
        var (provider, api) = Build(new()
        {
            ["Kling:Host"] = "Official",
            ["Kling:ApiKey"] = "k",
            ["Kling:BaseAddress"] = "https://gateway.example.com/",
            ["Kling:RoutePrefix"] = "kling-compatible/v1/",
        });
        using var _ = provider;

        await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        Assert.Equal("https://gateway.example.com/kling-compatible/v1/videos/image2video/1", Assert.Single(api.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Official_host_binds_Kling_s_limits_and_a_bound_limit_changes_only_itself()
    {
        var (provider, api) = Build(new() { ["Kling:Host"] = "Official", ["Kling:ApiKey"] = "k", ["Kling:ValidationLimits:MaxPromptLength"] = "3000" });
        using var _ = provider;
        var options = provider.GetRequiredService<IOptions<KlingClientOptions>>().Value;

        Assert.Equal(3000, options.ValidationLimits.MaxPromptLength);
        Assert.Equal(KlingValidationLimits.CreateOfficial().MaxNegativePromptLength, options.ValidationLimits.MaxNegativePromptLength);
        await provider.GetRequiredService<KlingClient>().CreateImageToVideoAsync(
            new ImageToVideoRequest { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), Prompt = new string('a', 2999), NegativePrompt = new string('b', 2000) },
            Token);
        Assert.Single(api.Requests);
    }

    [Fact]
    public void An_access_key_bound_without_its_secret_key_fails_at_start_naming_the_setting()
    {
        var (provider, _) = Build(new() { ["Kling:Host"] = "Official", ["Kling:AccessKey"] = "ak-1" });
        using var _ = provider;

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<KlingClient>());

        Assert.Contains("KlingClientOptions.AccessKey is set but SecretKey is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bound_secret_key_without_an_access_key_fails_at_start_and_is_not_quoted()
    {
        var (provider, _) = Build(new() { ["Kling:Host"] = "Official", ["Kling:SecretKey"] = "sk-do-not-print" });
        using var _ = provider;

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<KlingClient>());

        Assert.Contains("KlingClientOptions.SecretKey is set but AccessKey is not", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-do-not-print", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_host_name_fails_when_bound()
    {
        var (provider, _) = Build(new() { ["Kling:Host"] = "Elsewhere", ["Kling:ApiKey"] = "k" });
        using var _ = provider;

        Assert.ThrowsAny<InvalidOperationException>(() => provider.GetRequiredService<KlingClient>());
    }

    [Fact]
    public async Task A_secret_key_rotated_in_configuration_signs_the_next_request()
    {
        var api = new RecordingApi();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Kling:Host"] = "Official", ["Kling:AccessKey"] = "ak-1", ["Kling:SecretKey"] = "secret-v1" })
            .Build();
        var services = new ServiceCollection();
        services.AddKlingClient(configuration.GetSection("Kling")).ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<KlingClient>();

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);
        configuration["Kling:SecretKey"] = "secret-v2";
        configuration.Reload();
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token);

        Assert.True(Jwt.Read(api.Requests[0].Authorization!, "secret-v1").SignatureValid);
        Assert.True(Jwt.Read(api.Requests[1].Authorization!, "secret-v2").SignatureValid);
    }
}
