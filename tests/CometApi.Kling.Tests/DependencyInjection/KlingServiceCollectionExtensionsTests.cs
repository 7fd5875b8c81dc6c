using System.Net;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace CometApi.Kling.Tests.DependencyInjection;

public class KlingServiceCollectionExtensionsTests
{
    private const string TaskJson =
        """{"code":0,"message":"SUCCEED","request_id":"req-1","data":{"task_id":"abc","task_status":"submitted","created_at":1722769557708,"updated_at":1722769557708}}""";

    /// <summary>
    /// A test value for every setting that can be bound from configuration, with the value the binder must produce.
    /// Each value differs from the default, so a setting that silently fails to bind is noticed.
    /// </summary>
    private static readonly Dictionary<string, (string ConfigValue, object Expected)> BindableSettings = new()
    {
        [nameof(KlingClientOptions.ApiKey)] = ("key-from-configuration", "key-from-configuration"),
        [nameof(KlingClientOptions.BaseAddress)] = ("http://localhost:5000/proxy/", new Uri("http://localhost:5000/proxy/")),
        [nameof(KlingClientOptions.AllowInsecureBaseAddress)] = ("true", true),
        [nameof(KlingClientOptions.Host)] = ("Official", KlingHost.Official),
        [nameof(KlingClientOptions.AccessKey)] = ("ak-from-configuration", "ak-from-configuration"),
        [nameof(KlingClientOptions.SecretKey)] = ("sk-from-configuration", "sk-from-configuration"),
        [nameof(KlingClientOptions.RoutePrefix)] = ("kling-compatible/v1/", "kling-compatible/v1/"),
    };

    /// <summary>Settings set in code only; the binder is told to skip them (SYSLIB1100/1101).</summary>
    private static readonly string[] CodeOnlySettings = [nameof(KlingClientOptions.TimeProvider), nameof(KlingClientOptions.LoggerFactory)];

    /// <summary>Settings that are objects of their own, each with its own "every property binds" test below.</summary>
    private static readonly string[] NestedSettings = [nameof(KlingClientOptions.ValidationLimits), nameof(KlingClientOptions.Resilience)];

    /// <summary>A test value for every property of <see cref="KlingResilienceOptions"/> (section <c>Resilience</c>), each unlike its default.</summary>
    private static readonly Dictionary<string, (string ConfigValue, object? Expected)> BindableResilience = new()
    {
        [nameof(KlingResilienceOptions.QueryAttemptTimeout)] = ("00:00:45", TimeSpan.FromSeconds(45)),
        [nameof(KlingResilienceOptions.CreateAttemptTimeout)] = ("00:05:00", TimeSpan.FromMinutes(5)),
        [nameof(KlingResilienceOptions.TotalTimeout)] = ("00:20:00", TimeSpan.FromMinutes(20)),
        [nameof(KlingResilienceOptions.MaxRetryAttempts)] = ("7", 7),
        [nameof(KlingResilienceOptions.BaseDelay)] = ("00:00:02", TimeSpan.FromSeconds(2)),
        [nameof(KlingResilienceOptions.MaxDelay)] = ("00:01:00", TimeSpan.FromMinutes(1)),
        [nameof(KlingResilienceOptions.MaxRetryAfter)] = ("00:02:00", TimeSpan.FromMinutes(2)),
        [nameof(KlingResilienceOptions.AutoExternalTaskId)] = ("false", false),
        [nameof(KlingResilienceOptions.MaxConcurrentTasks)] = ("5", 5),
    };

    /// <summary>
    /// A test value for every setting of <see cref="KlingValidationLimits"/> (section <c>ValidationLimits</c>), a kind's group
    /// by its path (<c>Avatar:MaxAudioLength</c>), as configuration entries relative to the setting, with the value the
    /// binder must produce. Sets bound from configuration are added to the defaults: that is the binder's rule for
    /// collections, and the README says so.
    /// </summary>
    private static readonly Dictionary<string, (Dictionary<string, string?> Config, object Expected)> BindableLimits = new()
    {
        ["MaxPromptLength"] = (new() { [""] = "2500" }, 2500),
        ["MaxNegativePromptLength"] = (new() { [""] = "2400" }, 2400),
        ["AllowedModes"] = (new() { [":0"] = "turbo" }, new HashSet<string> { "std", "pro", "turbo" }),
        ["AllowedDurations"] = (new() { [":0"] = "15", [":1"] = "3" }, new HashSet<string> { "5", "10", "15", "3" }),
        ["AllowedAspectRatios"] = (new() { [":0"] = "21:9" }, new HashSet<string> { "16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9" }),
        ["MinCfgScale"] = (new() { [""] = "0.1" }, 0.1),
        ["MaxCfgScale"] = (new() { [""] = "0.9" }, 0.9),
        ["AllowedCameraControlTypes"] = (
            new() { [":0"] = "orbit" },
            new HashSet<string> { "simple", "down_back", "forward_up", "right_turn_forward", "left_turn_forward", "orbit" }),
        ["MaxCameraConfigValue"] = (new() { [""] = "5" }, 5.0),
        ["MaxImageBytes"] = (new() { [""] = "20971520" }, 20971520L),
        ["MinImageDimension"] = (new() { [""] = "256" }, 256),
        ["MaxImageAspectRatio"] = (new() { [""] = "3.5" }, 3.5),
        ["MaxAudioBytes"] = (new() { [""] = "10485760" }, 10485760L),
        ["ImageToVideo:RequireImage"] = (new() { [""] = "false" }, false),
        ["ImageToVideo:MaxDynamicMasks"] = (new() { [""] = "8" }, 8),
        ["ImageToVideo:MinTrajectoryPoints"] = (new() { [""] = "3" }, 3),
        ["ImageToVideo:MaxTrajectoryPoints"] = (new() { [""] = "100" }, 100),
        ["MultiImageToVideo:MinImageCount"] = (new() { [""] = "1" }, 1),
        ["MultiImageToVideo:MaxImageCount"] = (new() { [""] = "3" }, 3),
        ["OmniVideo:MaxPromptLength"] = (new() { [""] = "3000" }, 3000),
        ["OmniVideo:AllowedDurations"] = (new() { [":0"] = "15" }, new HashSet<string> { "3", "4", "5", "6", "7", "8", "9", "10", "15" }),
        ["OmniVideo:AllowedAspectRatios"] = (new() { [":0"] = "4:3" }, new HashSet<string> { "16:9", "9:16", "1:1", "4:3" }),
        ["ImageGeneration:MaxImageCount"] = (new() { [""] = "4" }, 4),
        ["ImageGeneration:AllowedAspectRatios"] = (new() { [":0"] = "21:9" }, new HashSet<string> { "16:9", "9:16", "1:1", "4:3", "3:4", "3:2", "2:3", "21:9" }),
        ["Avatar:RequirePrompt"] = (new() { [""] = "false" }, false),
        ["Avatar:MaxPromptLength"] = (new() { [""] = "3000" }, 3000),
        ["Avatar:MinAudioLength"] = (new() { [""] = "00:00:01.5" }, TimeSpan.FromSeconds(1.5)),
        ["Avatar:MaxAudioLength"] = (new() { [""] = "00:05:00" }, TimeSpan.FromMinutes(5)),
        ["LipSync:MaxFaces"] = (new() { [""] = "2" }, 2),
        ["TextToAudio:MaxPromptLength"] = (new() { [""] = "300" }, 300),
        ["TextToAudio:MinDuration"] = (new() { [""] = "00:00:01.5" }, TimeSpan.FromSeconds(1.5)),
        ["TextToAudio:MaxDuration"] = (new() { [""] = "00:00:30" }, TimeSpan.FromSeconds(30)),
        ["VideoToAudio:MaxSoundEffectPromptLength"] = (new() { [""] = "400" }, 400),
        ["VideoToAudio:MaxBackgroundMusicPromptLength"] = (new() { [""] = "500" }, 500),
    };

    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddKlingClient_binds_ApiKey_and_BaseAddress_from_configuration()
    {
        var configuration = Configuration(new()
        {
            ["Kling:ApiKey"] = "key-from-configuration",
            ["Kling:BaseAddress"] = "http://localhost:5000/proxy/",
        });
        var recorder = new RequestRecorder();
        var services = new ServiceCollection();
        services.AddKlingClient(configuration.GetSection("Kling"))
            .ConfigurePrimaryHttpMessageHandler(() => recorder.Handler);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<KlingClient>();
        var response = await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);

        Assert.Equal("abc", response.Data.TaskId);
        var request = Assert.Single(recorder.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal("http://localhost:5000/proxy/kling/v1/videos/image2video/abc", request.Url.AbsoluteUri);
        Assert.Equal("Bearer key-from-configuration", request.Authorization);
    }

    [Fact]
    public async Task AddKlingClient_with_a_configure_action_sends_with_its_ApiKey_and_BaseAddress()
    {
        var recorder = new RequestRecorder();
        var services = new ServiceCollection();
        services.AddKlingClient(options =>
            {
                options.ApiKey = "key-from-code";
                options.BaseAddress = new Uri("http://localhost:5000/proxy/");
            })
            .ConfigurePrimaryHttpMessageHandler(() => recorder.Handler);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<KlingClient>();
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);

        var request = Assert.Single(recorder.Requests);
        Assert.Equal("http://localhost:5000/proxy/kling/v1/videos/image2video/abc", request.Url.AbsoluteUri);
        Assert.Equal("Bearer key-from-code", request.Authorization);
    }

    [Fact]
    public async Task AddKlingClient_without_BaseAddress_sends_to_the_CometAPI_default()
    {
        var recorder = new RequestRecorder();
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key-from-code")
            .ConfigurePrimaryHttpMessageHandler(() => recorder.Handler);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<KlingClient>().GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);

        var request = Assert.Single(recorder.Requests);
        Assert.Equal("https://api.cometapi.com/kling/v1/videos/image2video/abc", request.Url.AbsoluteUri);
    }

    [Fact]
    public async Task AddKlingClient_returns_a_builder_whose_chained_handlers_run_for_every_request()
    {
        var recorder = new RequestRecorder();
        var handlerCalls = new List<Uri>();
        var services = new ServiceCollection();
        IHttpClientBuilder builder = services.AddKlingClient(options => options.ApiKey = "key-from-code");
        builder
            .AddHttpMessageHandler(() => new CallRecordingHandler(handlerCalls))
            .ConfigurePrimaryHttpMessageHandler(() => recorder.Handler);
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<KlingClient>();
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "abc", _cancellationToken);
        await client.GetTaskAsync(KlingTaskKind.ImageToVideo, "def", _cancellationToken);

        Assert.Equal(
            [
                new Uri("https://api.cometapi.com/kling/v1/videos/image2video/abc"),
                new Uri("https://api.cometapi.com/kling/v1/videos/image2video/def"),
            ],
            handlerCalls);
        Assert.Equal(2, recorder.Requests.Count);
    }

    [Fact]
    public void AddKlingClient_builder_is_the_named_client_of_KlingClient()
    {
        var services = new ServiceCollection();

        var builder = services.AddKlingClient(options => options.ApiKey = "key-from-code");

        Assert.Equal(nameof(KlingClient), builder.Name);
        Assert.Contains(services, descriptor => descriptor.ServiceType == typeof(KlingClient));
    }

    [Fact]
    public void AddKlingClient_binds_every_bindable_setting_from_configuration()
    {
        var bindable = typeof(KlingClientOptions)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => property.Name)
            .Except(CodeOnlySettings)
            .Except(NestedSettings)
            .Order()
            .ToArray();

        // A new setting must get a test value here; if the binder cannot bind it, the check below fails.
        Assert.Equal(BindableSettings.Keys.Order().ToArray(), bindable);

        var defaults = new KlingClientOptions();
        var values = BindableSettings.ToDictionary(pair => $"Kling:{pair.Key}", pair => (string?)pair.Value.ConfigValue);
        var services = new ServiceCollection();
        services.AddKlingClient(Configuration(values).GetSection("Kling"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<KlingClientOptions>>().Value;

        foreach (var (name, (_, expected)) in BindableSettings)
        {
            var property = typeof(KlingClientOptions).GetProperty(name)!;
            Assert.NotEqual(expected, property.GetValue(defaults));
            Assert.Equal(expected, property.GetValue(options));
        }
    }

    [Fact]
    public void AddKlingClient_binds_every_resilience_setting_from_configuration()
    {
        var bindable = typeof(KlingResilienceOptions)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .Select(property => property.Name)
            .Order()
            .ToArray();

        // A new setting must get a test value here; if the binder cannot bind it, the check below fails.
        Assert.Equal(BindableResilience.Keys.Order().ToArray(), bindable);

        var defaults = new KlingResilienceOptions();
        var values = BindableResilience
            .Select(pair => KeyValuePair.Create($"Kling:Resilience:{pair.Key}", (string?)pair.Value.ConfigValue))
            .Append(KeyValuePair.Create("Kling:ApiKey", (string?)"key"))
            .ToDictionary();
        var services = new ServiceCollection();
        services.AddKlingClient(Configuration(values).GetSection("Kling"));
        using var provider = services.BuildServiceProvider();

        var resilience = provider.GetRequiredService<IOptions<KlingClientOptions>>().Value.Resilience;

        foreach (var (name, (_, expected)) in BindableResilience)
        {
            var property = typeof(KlingResilienceOptions).GetProperty(name)!;
            Assert.NotEqual(expected, property.GetValue(defaults));
            Assert.Equal(expected, property.GetValue(resilience));
        }
    }

    [Fact]
    public void Unusable_Resilience_settings_fail_options_validation_naming_each_one()
    {
        using var provider = Provider(options =>
        {
            options.ApiKey = "key-from-code";
            options.Resilience.QueryAttemptTimeout = TimeSpan.Zero;
            options.Resilience.MaxRetryAttempts = -1;
            options.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(-1);
            options.Resilience.MaxConcurrentTasks = 0;
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Equal(4, exception.Failures.Count());
        foreach (var name in new[] { "QueryAttemptTimeout", "MaxRetryAttempts", "MaxRetryAfter", "MaxConcurrentTasks" })
        {
            Assert.Contains(exception.Failures, failure => failure.Contains($"KlingClientOptions.Resilience.{name}", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void The_typed_HttpClient_has_no_timeout_of_its_own()
    {
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key-from-code");
        using var provider = services.BuildServiceProvider();

        var httpClient = provider.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(KlingClient));

        Assert.Equal(Timeout.InfiniteTimeSpan, httpClient.Timeout);
    }

    [Fact]
    public void AddKlingClient_binds_every_validation_limit_from_configuration()
    {
        // A new limit, or a new kind's group, must get a test value here; if the binder cannot bind it, the check below fails.
        Assert.Equal(BindableLimits.Keys.Order(StringComparer.Ordinal).ToArray(), LimitPaths(typeof(KlingValidationLimits), prefix: string.Empty).Order(StringComparer.Ordinal).ToArray());

        var defaults = new KlingValidationLimits();
        var values = BindableLimits
            .SelectMany(pair => pair.Value.Config.Select(entry => KeyValuePair.Create($"Kling:ValidationLimits:{pair.Key}{entry.Key}", entry.Value)))
            .Append(KeyValuePair.Create("Kling:ApiKey", (string?)"key"))
            .ToDictionary();
        var services = new ServiceCollection();
        services.AddKlingClient(Configuration(values).GetSection("Kling"));
        using var provider = services.BuildServiceProvider();

        var limits = provider.GetRequiredService<IOptions<KlingClientOptions>>().Value.ValidationLimits;

        foreach (var (path, (_, expected)) in BindableLimits)
        {
            if (expected is HashSet<string> set)
            {
                Assert.False(set.SetEquals((ISet<string>)LimitValue(defaults, path)!), path);
                Assert.True(set.SetEquals((ISet<string>)LimitValue(limits, path)!), $"{path}: {string.Join(",", (ISet<string>)LimitValue(limits, path)!)}");
            }
            else
            {
                Assert.NotEqual(expected, LimitValue(defaults, path));
                Assert.Equal(expected, LimitValue(limits, path));
            }
        }
    }

    /// <summary>The configuration path of every settable limit: a group's (a <c>Kling…Limits</c> class) under its property's name.</summary>
    private static IEnumerable<string> LimitPaths(Type type, string prefix) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(property => property.SetMethod is { IsPublic: true })
            .SelectMany(property => property.PropertyType.Name.EndsWith("Limits", StringComparison.Ordinal)
                ? LimitPaths(property.PropertyType, prefix + property.Name + ":")
                : [prefix + property.Name]);

    private static object? LimitValue(object limits, string path) =>
        path.Split(':').Aggregate((object?)limits, (owner, name) => owner!.GetType().GetProperty(name)!.GetValue(owner));

    [Fact]
    public void Unusable_ValidationLimits_fail_options_validation_naming_each_limit()
    {
        using var provider = Provider(options =>
        {
            options.ApiKey = "key-from-code";
            options.ValidationLimits.MaxPromptLength = -1;
            options.ValidationLimits.MinCfgScale = 2;
            options.ValidationLimits.AllowedModes = null!;
            options.ValidationLimits.Avatar.MaxAudioLength = TimeSpan.FromSeconds(1);
            options.ValidationLimits.LipSync = null!;
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Equal(5, exception.Failures.Count());
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.ValidationLimits.Avatar.MinAudioLength and MaxAudioLength", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.ValidationLimits.LipSync is null", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.ValidationLimits.MaxPromptLength", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.ValidationLimits.MinCfgScale", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.ValidationLimits.AllowedModes", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(KlingHost.CometApi)]
    [InlineData(KlingHost.Official)]
    public void Null_ValidationLimits_mean_the_limits_of_the_host(KlingHost host)
    {
        using var provider = Provider(options =>
        {
            options.Host = host;
            options.ApiKey = "key-from-code";
            options.ValidationLimits.Avatar.MaxAudioLength = TimeSpan.FromMinutes(9);
            options.ValidationLimits = null;
        });

        var options = provider.GetRequiredService<IOptions<KlingClientOptions>>().Value;

        var expected = host == KlingHost.Official ? KlingValidationLimits.CreateOfficial() : new KlingValidationLimits();
        Assert.Equal(expected.ToString(), options.ValidationLimits.ToString());
    }

    [Fact]
    public void AddKlingClient_from_configuration_keeps_the_code_only_TimeProvider_at_its_default()
    {
        var services = new ServiceCollection();
        services.AddKlingClient(Configuration(new() { ["Kling:ApiKey"] = "key-from-configuration" }).GetSection("Kling"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<KlingClientOptions>>().Value;

        Assert.Same(TimeProvider.System, options.TimeProvider);
        Assert.Null(options.BaseAddress);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Missing_ApiKey_fails_options_validation_naming_the_setting_and_the_environment_variable(string? apiKey)
    {
        using var provider = Provider(options => options.ApiKey = apiKey);

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Contains("KlingClientOptions.ApiKey", exception.Message, StringComparison.Ordinal);
        Assert.Contains("COMETAPI_KEY", exception.Message, StringComparison.Ordinal);
        Assert.Equal(typeof(KlingClientOptions), exception.OptionsType);
    }

    [Fact]
    public void Empty_ApiKey_in_configuration_fails_options_validation()
    {
        var services = new ServiceCollection();
        services.AddKlingClient(Configuration(new() { ["Kling:ApiKey"] = string.Empty }).GetSection("Kling"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Contains("KlingClientOptions.ApiKey", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_ApiKey_fails_when_KlingClient_is_resolved_so_nothing_can_be_sent()
    {
        var recorder = new RequestRecorder();
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = null)
            .ConfigurePrimaryHttpMessageHandler(() => recorder.Handler);
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<KlingClient>());

        Assert.Contains("COMETAPI_KEY", exception.Message, StringComparison.Ordinal);
        Assert.Empty(recorder.Requests);
    }

    [Theory]
    [InlineData("proxy/")]
    [InlineData("/kling-proxy/")]
    [InlineData("ftp://files.example.com/")]
    [InlineData("file:///tmp/kling/")]
    [InlineData("http://localhost:5000/proxy/?key=value")]
    [InlineData("http://localhost:5000/proxy/#fragment")]
    public void Unusable_BaseAddress_fails_options_validation_naming_BaseAddress(string baseAddress)
    {
        using var provider = Provider(options =>
        {
            options.ApiKey = "key-from-code";
            options.BaseAddress = new Uri(baseAddress, UriKind.RelativeOrAbsolute);
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Contains("KlingClientOptions.BaseAddress", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("ApiKey", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proxy/")]
    [InlineData("ftp://files.example.com/")]
    public void Unusable_BaseAddress_from_configuration_fails_options_validation_naming_BaseAddress(string baseAddress)
    {
        var services = new ServiceCollection();
        services.AddKlingClient(Configuration(new()
        {
            ["Kling:ApiKey"] = "key-from-configuration",
            ["Kling:BaseAddress"] = baseAddress,
        }).GetSection("Kling"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Contains("KlingClientOptions.BaseAddress", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relative_BaseAddress_and_null_TimeProvider_fail_options_validation()
    {
        using var provider = Provider(options =>
        {
            options.ApiKey = "key-from-code";
            options.BaseAddress = new Uri("kling/", UriKind.Relative);
            options.TimeProvider = null!;
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Contains("KlingClientOptions.BaseAddress", exception.Message, StringComparison.Ordinal);
        Assert.Contains("KlingClientOptions.TimeProvider", exception.Message, StringComparison.Ordinal);
        Assert.Equal(2, exception.Failures.Count());
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        using var provider = Provider(options =>
        {
            options.ApiKey = null;
            options.BaseAddress = new Uri("ftp://files.example.com/");
        });

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingClientOptions>>().Value);

        Assert.Equal(2, exception.Failures.Count());
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.ApiKey", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, failure => failure.Contains("KlingClientOptions.BaseAddress", StringComparison.Ordinal));
    }

    [Fact]
    public void ValidateOnStart_is_registered_and_rejects_bad_options_at_startup()
    {
        using var provider = Provider(options => options.ApiKey = string.Empty);

        var validator = provider.GetRequiredService<IStartupValidator>();

        var exception = Assert.Throws<OptionsValidationException>(validator.Validate);
        Assert.Contains("KlingClientOptions.ApiKey", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_accepts_good_options()
    {
        using var provider = Provider(options =>
        {
            options.ApiKey = "key-from-code";
            options.BaseAddress = new Uri("http://localhost:5000/proxy/");
        });

        var validator = provider.GetRequiredService<IStartupValidator>();

        validator.Validate();
    }

    [Fact]
    public void ValidateOnStart_from_configuration_rejects_a_relative_BaseAddress()
    {
        var services = new ServiceCollection();
        services.AddKlingClient(Configuration(new()
        {
            ["Kling:ApiKey"] = "key-from-configuration",
            ["Kling:BaseAddress"] = "proxy/",
        }).GetSection("Kling"));
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(provider.GetRequiredService<IStartupValidator>().Validate);

        Assert.Contains("KlingClientOptions.BaseAddress", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_keeps_a_single_validator()
    {
        var services = new ServiceCollection();
        services.AddKlingClient(options => options.ApiKey = "key-from-code");
        services.AddKlingClient(options => options.ApiKey = "key-from-code");
        using var provider = services.BuildServiceProvider();

        var validators = provider.GetServices<IValidateOptions<KlingClientOptions>>();

        Assert.Single(validators);
    }

    [Fact]
    public void AddKlingClient_with_configure_rejects_null_arguments()
    {
        var services = new ServiceCollection();

        var noServices = Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddKlingClient(options => options.ApiKey = "key"));
        var noConfigure = Assert.Throws<ArgumentNullException>(() => services.AddKlingClient((Action<KlingClientOptions>)null!));

        Assert.Equal("services", noServices.ParamName);
        Assert.Equal("configure", noConfigure.ParamName);
        Assert.Empty(services);
    }

    [Fact]
    public void AddKlingClient_with_configuration_rejects_null_arguments()
    {
        var services = new ServiceCollection();
        var configuration = Configuration(new() { ["Kling:ApiKey"] = "key" });

        var noServices = Assert.Throws<ArgumentNullException>(() => ((IServiceCollection)null!).AddKlingClient(configuration.GetSection("Kling")));
        var noConfiguration = Assert.Throws<ArgumentNullException>(() => services.AddKlingClient((IConfiguration)null!));

        Assert.Equal("services", noServices.ParamName);
        Assert.Equal("configuration", noConfiguration.ParamName);
        Assert.Empty(services);
    }

    private static IConfigurationRoot Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();

    private static ServiceProvider Provider(Action<KlingClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddKlingClient(configure);
        return services.BuildServiceProvider();
    }

    /// <summary>A MockHttp primary handler that answers every request with a task and records what it received.</summary>
    private sealed class RequestRecorder
    {
        public RequestRecorder()
        {
            Handler.Fallback.Respond(request =>
            {
                lock (Requests)
                {
                    Requests.Add(new RecordedRequest(request.Method, request.RequestUri!, request.Headers.Authorization?.ToString()));
                }

                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(TaskJson, System.Text.Encoding.UTF8, "application/json") };
            });
        }

        public MockHttpMessageHandler Handler { get; } = new();

        public List<RecordedRequest> Requests { get; } = [];
    }

    private sealed record RecordedRequest(HttpMethod Method, Uri Url, string? Authorization);

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
