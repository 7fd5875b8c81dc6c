namespace CometApi.Kling.Tests;

/// <summary>Changes the process environment, so it runs alone, after the parallel tests.</summary>
[CollectionDefinition(nameof(KlingClientOptionsEnvironmentTests), DisableParallelization = true)]
[Collection(nameof(KlingClientOptionsEnvironmentTests))]
public class KlingClientOptionsEnvironmentTests
{
    [Fact]
    public void ApiKey_defaults_to_the_COMETAPI_KEY_environment_variable_and_an_explicit_key_wins()
    {
        var original = Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, "key-from-environment");

            Assert.Equal("key-from-environment", new KlingClientOptions().ApiKey);
            Assert.Equal("key-from-code", new KlingClientOptions { ApiKey = "key-from-code" }.ApiKey);
            Assert.DoesNotContain("key-from-environment", new KlingClientOptions().ToString(), StringComparison.Ordinal);

            Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, null);

            Assert.Null(new KlingClientOptions().ApiKey);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, original);
        }
    }

    [Fact]
    public async Task A_CometAPI_key_from_the_environment_is_never_sent_to_Kling_s_own_host()
    {
        var original = Environment.GetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable);
        try
        {
            Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, "comet-key-from-environment");
            var api = new Hosts.RecordingApi();
            var client = new KlingClient(new HttpClient(api), new KlingClientOptions { Host = KlingHost.Official });

            Assert.Null(new KlingClientOptions { Host = KlingHost.Official }.ApiKey);
            await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetTaskAsync(KlingTaskKind.ImageToVideo, "1", TestContext.Current.CancellationToken));
            Assert.Empty(api.Requests);
        }
        finally
        {
            Environment.SetEnvironmentVariable(KlingClientOptions.ApiKeyEnvironmentVariable, original);
        }
    }
}
