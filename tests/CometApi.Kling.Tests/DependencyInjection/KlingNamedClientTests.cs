using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using TaskApi = CometApi.Kling.Tests.DependencyInjection.KlingClientLifetimeTests.TaskApi;

namespace CometApi.Kling.Tests.DependencyInjection;

/// <summary>
/// Named registrations (<c>AddKlingClient("tenant-a", ...)</c>): keyed singletons with their own options, key and
/// handlers, also handed out by <see cref="IKlingClientFactory"/>, validated at start with the registration's name.
/// </summary>
public class KlingNamedClientTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Each_named_client_sends_with_its_own_key_and_base_address()
    {
        var apiA = new TaskApi();
        var apiB = new TaskApi();
        var configuration = Configuration(new()
        {
            ["Tenants:b:ApiKey"] = "key-b",
            ["Tenants:b:BaseAddress"] = "http://localhost:5002/b/",
        });
        var services = new ServiceCollection();
        services.AddKlingClient("tenant-a", options =>
            {
                options.ApiKey = "key-a";
                options.BaseAddress = new Uri("http://localhost:5001/a/");
            })
            .ConfigurePrimaryHttpMessageHandler(() => apiA);
        services.AddKlingClient("tenant-b", configuration.GetSection("Tenants:b"))
            .ConfigurePrimaryHttpMessageHandler(() => apiB);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });

        await provider.GetRequiredKeyedService<KlingClient>("tenant-a").GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", Token);
        await provider.GetRequiredKeyedService<KlingClient>("tenant-b").GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", Token);

        Assert.Equal("Bearer key-a", Assert.Single(apiA.Authorizations));
        Assert.Equal(new Uri("http://localhost:5001/a/kling/v1/videos/image2video/abc"), Assert.Single(apiA.Urls));
        Assert.Equal("Bearer key-b", Assert.Single(apiB.Authorizations));
        Assert.Equal(new Uri("http://localhost:5002/b/kling/v1/videos/image2video/abc"), Assert.Single(apiB.Urls));
    }

    [Fact]
    public void A_named_client_is_one_instance_whether_resolved_by_key_in_any_scope_or_from_the_factory()
    {
        var services = new ServiceCollection();
        services.AddKlingClient("tenant-a", options => options.ApiKey = "key-a");
        services.AddKlingClient("tenant-b", options => options.ApiKey = "key-b");
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IKlingClientFactory>();

        var a = provider.GetRequiredKeyedService<KlingClient>("tenant-a");
        using var scope = provider.CreateScope();

        Assert.Same(a, scope.ServiceProvider.GetRequiredKeyedService<KlingClient>("tenant-a"));
        Assert.Same(a, factory.CreateClient("tenant-a"));
        Assert.Same(a, scope.ServiceProvider.GetRequiredService<IKlingClientFactory>().CreateClient("tenant-a"));
        Assert.Same(factory.CreateClient("tenant-b"), provider.GetRequiredKeyedService<KlingClient>("tenant-b"));
        Assert.NotSame(a, factory.CreateClient("tenant-b"));
    }

    [Fact]
    public async Task A_named_client_can_be_injected_with_FromKeyedServices()
    {
        var api = new TaskApi();
        var services = new ServiceCollection();
        services.AddKlingClient("tenant-a", options => options.ApiKey = "key-a").ConfigurePrimaryHttpMessageHandler(() => api);
        services.AddKlingClient("tenant-b", options => options.ApiKey = "key-b").ConfigurePrimaryHttpMessageHandler(() => api);
        services.AddTransient<TenantAService>();
        using var provider = services.BuildServiceProvider();

        var service = provider.GetRequiredService<TenantAService>();
        await service.Client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", Token);

        Assert.Same(provider.GetRequiredKeyedService<KlingClient>("tenant-a"), service.Client);
        Assert.Equal("Bearer key-a", Assert.Single(api.Authorizations));
    }

    [Fact]
    public void The_factory_hands_out_the_unnamed_client_under_the_default_name()
    {
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key");
        services.AddKlingClient("tenant-a", options => options.ApiKey = "key-a");
        using var provider = services.BuildServiceProvider();

        var factory = provider.GetRequiredService<IKlingClientFactory>();

        Assert.Same(provider.GetRequiredService<KlingClient>(), factory.CreateClient(Options.DefaultName));
        Assert.NotSame(factory.CreateClient(Options.DefaultName), factory.CreateClient("tenant-a"));
    }

    [Fact]
    public void The_factory_refuses_an_unknown_name_listing_the_registered_ones()
    {
        var services = new ServiceCollection();
        services.AddKlingClient("tenant-a", options => options.ApiKey = "key-a");
        services.AddKlingClient("tenant-b", options => options.ApiKey = "key-b");
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IKlingClientFactory>();

        var unknown = Assert.Throws<InvalidOperationException>(() => factory.CreateClient("Tenant-A"));
        var unnamed = Assert.Throws<InvalidOperationException>(() => factory.CreateClient(Options.DefaultName));
        var noName = Assert.Throws<ArgumentNullException>(() => factory.CreateClient(null!));

        Assert.Contains("'Tenant-A'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'tenant-a', 'tenant-b'", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("''", unnamed.Message, StringComparison.Ordinal);
        Assert.Equal("name", noName.ParamName);
        Assert.Null(provider.GetKeyedService<KlingClient>("Tenant-A"));
    }

    [Fact]
    public void A_named_client_without_a_key_fails_at_start_naming_the_registration_and_the_setting()
    {
        var services = new ServiceCollection();
        services.AddKlingClient("tenant-a", options => options.BaseAddress = new Uri("https://kling.example.com/"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);

        var failure = Assert.Single(exception.Failures);
        Assert.StartsWith("Kling client 'tenant-a': KlingClientOptions.ApiKey is not set", failure, StringComparison.Ordinal);
        Assert.Contains("never falls back to the COMETAPI_KEY environment variable", failure, StringComparison.Ordinal);
        Assert.Equal("tenant-a", exception.OptionsName);
        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredKeyedService<KlingClient>("tenant-a"));
    }

    [Fact]
    public void A_named_key_configured_before_AddKlingClient_is_kept()
    {
        var services = new ServiceCollection();
        services.Configure<KlingClientOptions>("tenant-a", options => options.ApiKey = "key-a");
        services.AddKlingClient("tenant-a", options => options.BaseAddress = new Uri("https://kling.example.com/"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("key-a", provider.GetRequiredService<IOptionsMonitor<KlingClientOptions>>().Get("tenant-a").ApiKey);
    }

    [Fact]
    public void Every_problem_of_a_named_registration_is_reported_at_once_with_its_name()
    {
        var services = new ServiceCollection();
        services.AddKlingClient("tenant-a", options =>
        {
            options.BaseAddress = new Uri("ftp://files.example.com/");
            options.Resilience.MaxRetryAttempts = -1;
        });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);

        Assert.Equal(3, exception.Failures.Count());
        Assert.All(exception.Failures, failure => Assert.StartsWith("Kling client 'tenant-a': ", failure, StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.ApiKey", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.BaseAddress", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.Resilience.MaxRetryAttempts", StringComparison.Ordinal));
    }

    [Fact]
    public void Start_reports_the_problems_of_every_registration_at_once()
    {
        var configuration = Configuration(new() { ["Tenants:b:BaseAddress"] = "proxy/", ["Tenants:b:ApiKey"] = "key-b" });
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key");
        services.AddKlingClient("tenant-a", options => options.ApiKey = " ");
        services.AddKlingClient("tenant-b", configuration.GetSection("Tenants:b"));
        services.AddKlingClient("tenant-c", options => options.ApiKey = "key-c");
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<AggregateException>(provider.GetRequiredService<IStartupValidator>().Validate);

        var failures = exception.InnerExceptions.Cast<OptionsValidationException>().ToDictionary(inner => inner.OptionsName, inner => Assert.Single(inner.Failures));
        Assert.Equal(["tenant-a", "tenant-b"], failures.Keys.Order());
        Assert.StartsWith("Kling client 'tenant-a': KlingClientOptions.ApiKey", failures["tenant-a"], StringComparison.Ordinal);
        Assert.StartsWith("Kling client 'tenant-b': KlingClientOptions.BaseAddress", failures["tenant-b"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_named_registration_returns_the_builder_of_its_own_HttpClient()
    {
        var api = new TaskApi();
        var calls = new List<Uri>();
        var services = new ServiceCollection();
        var builderA = services.AddKlingClient("tenant-a", options => options.ApiKey = "key-a");
        var builderB = services.AddKlingClient("tenant-b", options => options.ApiKey = "key-b");
        builderA.AddHttpMessageHandler(() => new CallRecordingHandler(calls)).ConfigurePrimaryHttpMessageHandler(() => api);
        builderB.ConfigurePrimaryHttpMessageHandler(() => api);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredKeyedService<KlingClient>("tenant-a").GetTaskAsync(KlingTaskKind.ImageToVideo, "a", Token);
        await provider.GetRequiredKeyedService<KlingClient>("tenant-b").GetTaskAsync(KlingTaskKind.ImageToVideo, "b", Token);

        Assert.Equal("KlingClient:tenant-a", builderA.Name);
        Assert.Equal("KlingClient:tenant-b", builderB.Name);
        Assert.Equal([new Uri("https://api.cometapi.com/kling/v1/videos/image2video/a")], calls);
        Assert.Equal(2, api.Urls.Count);
    }

    [Fact]
    public void Registering_a_name_twice_adds_up_its_options_and_keeps_one_client_and_one_handler_setup()
    {
        var services = new ServiceCollection();
        services.AddKlingClient("tenant-a", options => options.ApiKey = "key-a");
        var handlerActions = HandlerActions(services, "KlingClient:tenant-a");
        services.AddKlingClient("tenant-a", options => options.BaseAddress = new Uri("https://kling.example.com/"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptionsMonitor<KlingClientOptions>>().Get("tenant-a");

        Assert.Equal("key-a", options.ApiKey);
        Assert.Equal(new Uri("https://kling.example.com/"), options.BaseAddress);
        Assert.Equal(handlerActions, HandlerActions(services, "KlingClient:tenant-a"));
        Assert.Single(services, descriptor => descriptor.ServiceType == typeof(KlingClient) && Equals(descriptor.ServiceKey, "tenant-a"));
        Assert.Single(provider.GetServices<IValidateOptions<KlingClientOptions>>());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_name_is_refused(string name)
    {
        var services = new ServiceCollection();

        var withCode = Assert.Throws<ArgumentException>(() => services.AddKlingClient(name, options => options.ApiKey = "key"));
        var withConfiguration = Assert.Throws<ArgumentException>(() => services.AddKlingClient(name, Configuration([])));

        Assert.Equal("name", withCode.ParamName);
        Assert.Equal("name", withConfiguration.ParamName);
        Assert.Empty(services);
    }

    [Fact]
    public void Named_overloads_reject_null_arguments()
    {
        var services = new ServiceCollection();
        var configuration = Configuration([]);

        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddKlingClient("a", options => options.ApiKey = "key")).ParamName);
        Assert.Equal("services", Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddKlingClient("a", configuration)).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => services.AddKlingClient(null!, options => options.ApiKey = "key")).ParamName);
        Assert.Equal("name", Assert.Throws<ArgumentNullException>(() => services.AddKlingClient(null!, configuration)).ParamName);
        Assert.Equal("configure", Assert.Throws<ArgumentNullException>(() => services.AddKlingClient("a", (Action<KlingClientOptions>)null!)).ParamName);
        Assert.Equal("configuration", Assert.Throws<ArgumentNullException>(() => services.AddKlingClient("a", (IConfiguration)null!)).ParamName);
        Assert.Empty(services);
    }

    private static int HandlerActions(IServiceCollection services, string httpClientName)
    {
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(httpClientName).HttpMessageHandlerBuilderActions.Count;
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private sealed class TenantAService([FromKeyedServices("tenant-a")] KlingClient client)
    {
        public KlingClient Client { get; } = client;
    }

    private sealed class CallRecordingHandler(List<Uri> calls) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (calls)
            {
                calls.Add(request.RequestUri!);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
