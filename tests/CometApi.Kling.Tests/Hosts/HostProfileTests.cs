using System.Net;

namespace CometApi.Kling.Tests.Hosts;

/// <summary>The host setting chooses the address, the route prefix and the default limits; a gateway sets its own.</summary>
public class HostProfileTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static ImageToVideoRequest Request(string prompt = "a cat") =>
        new() { Image = KlingImage.FromUrl(new Uri("https://example.com/cat.png")), Prompt = prompt };

    [Fact]
    public async Task Official_host_sends_to_api_singapore_under_v1_with_the_Kling_api_key()
    {
        var api = new RecordingApi();
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = "kling-key" });

        await client.CreateImageToVideoAsync(Request(), Token);
        await client.GetTaskAsync(KlingTaskKind.TextToVideo, "867", Token);

        Assert.Equal(
            ["https://api-singapore.klingai.com/v1/videos/image2video", "https://api-singapore.klingai.com/v1/videos/text2video/867"],
            api.Requests.Select(request => request.Uri.AbsoluteUri));
        Assert.All(api.Authorizations, authorization => Assert.Equal("Bearer kling-key", authorization));
    }

    [Fact]
    public async Task CometApi_host_is_the_default_and_keeps_the_kling_v1_prefix()
    {
        var api = new RecordingApi();
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { ApiKey = "sk-x" });

        await client.GetTaskAsync(KlingTaskKind.ImageGeneration, "1", Token);

        Assert.Equal("https://api.cometapi.com/kling/v1/images/generations/1", Assert.Single(api.Requests).Uri.AbsoluteUri);
    }

    [Theory]
    [InlineData("https://gateway.example.com/", "/api/kling/v1", "https://gateway.example.com/api/kling/v1/videos/image2video/7")]
    [InlineData("https://gateway.example.com/base", "v1/", "https://gateway.example.com/base/v1/videos/image2video/7")]
    [InlineData("https://gateway.example.com/kling/v1/", "", "https://gateway.example.com/kling/v1/videos/image2video/7")]
    public async Task A_gateway_is_its_base_address_and_route_prefix(string baseAddress, string routePrefix, string expected)
    {
        var api = new RecordingApi();
        var client = new KlingClient(
            new HttpClient(api),
            new KlingClientOptions { Host = KlingHost.Official, ApiKey = "k", BaseAddress = new Uri(baseAddress), RoutePrefix = routePrefix });

        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "7", Token);

        Assert.Equal(expected, Assert.Single(api.Requests).Uri.AbsoluteUri);
    }

    [Fact]
    public async Task Official_host_checks_against_Kling_s_own_limits_by_default()
    {
        var api = new RecordingApi();
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = "k" });

        await client.CreateImageToVideoAsync(Request(new string('a', 2500)), Token);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(Request(new string('a', 2501)), Token));

        Assert.Contains("2500", error.Message, StringComparison.Ordinal);
        Assert.Single(api.Requests);
    }

    [Fact]
    public async Task CometApi_host_keeps_the_500_character_prompt_limit()
    {
        var api = new RecordingApi();
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { ApiKey = "k" });

        await Assert.ThrowsAsync<KlingValidationException>(() => client.CreateImageToVideoAsync(Request(new string('a', 501)), Token));

        Assert.Empty(api.Requests);
    }

    [Fact]
    public void Limits_follow_the_host_chosen_before_they_are_read_and_can_still_be_changed()
    {
        var official = new KlingClientOptions { Host = KlingHost.Official };
        official.ValidationLimits.MaxPromptLength = 3000;

        Assert.Equal(3000, official.ValidationLimits.MaxPromptLength);
        Assert.Equal(KlingValidationLimits.CreateOfficial().MaxNegativePromptLength, official.ValidationLimits.MaxNegativePromptLength);
        Assert.Equal(new KlingValidationLimits().MaxPromptLength, new KlingClientOptions().ValidationLimits.MaxPromptLength);
    }

    [Theory]
    [InlineData("https://x.example/?a=1")]
    [InlineData("../v1")]
    [InlineData("v1 /")]
    public void A_route_prefix_that_is_not_a_plain_path_is_refused_naming_the_setting(string routePrefix)
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingClient(new HttpClient(new RecordingApi()), new KlingClientOptions { ApiKey = "k", RoutePrefix = routePrefix }));

        Assert.Contains("KlingClientOptions.RoutePrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_access_key_without_its_secret_key_is_refused_naming_both_settings()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingClient(
            new HttpClient(new RecordingApi()), new KlingClientOptions { Host = KlingHost.Official, AccessKey = "ak" }));

        Assert.Contains("KlingClientOptions.AccessKey is set but SecretKey is not", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Official_host_without_credentials_sends_nothing_and_says_what_to_set()
    {
        var api = new RecordingApi();
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = null });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token));

        Assert.Contains("AccessKey + SecretKey", error.Message, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Fact]
    public void The_host_an_unknown_number_names_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new KlingClient(new HttpClient(new RecordingApi()), new KlingClientOptions { ApiKey = "k", Host = (KlingHost)7 }));

        Assert.Contains("KlingClientOptions.Host", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_route_answer_on_the_official_host_is_still_a_KlingApiException()
    {
        var api = new RecordingApi { Answer = (_, _) => (HttpStatusCode.NotFound, RecordingApi.Error(1203, "task not found")) };
        var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official, ApiKey = "k" });

        var error = await Assert.ThrowsAsync<KlingApiException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", Token));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }
}
