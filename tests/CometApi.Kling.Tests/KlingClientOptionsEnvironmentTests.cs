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
}
