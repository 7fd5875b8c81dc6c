using CometApi.Kling.Extensions.AI.Tests.Infrastructure;
using CometApi.Kling.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;

namespace CometApi.Kling.Extensions.AI.Tests;

/// <summary>What the generator offers besides generation: its services, its registration and its disposal.</summary>
public class GeneratorServicesTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public void GetService_returns_the_metadata_the_client_and_the_generator_itself()
    {
        using var emulator = new KlingEmulator();
        var client = emulator.CreateClient();
        using var generator = client.AsIImageGenerator(new KlingImageGeneratorOptions { DefaultModelId = "kling-v3", ProviderUri = emulator.BaseAddress });

        var metadata = generator.GetService<ImageGeneratorMetadata>();
        Assert.NotNull(metadata);
        Assert.Equal("kling", metadata.ProviderName);
        Assert.Equal(emulator.BaseAddress, metadata.ProviderUri);
        Assert.Equal("kling-v3", metadata.DefaultModelId);
        Assert.Same(client, generator.GetService<KlingClient>());
        Assert.Same(generator, generator.GetService<IImageGenerator>());
        Assert.Same(generator, generator.GetService<KlingImageGenerator>());
        Assert.Null(generator.GetService<KlingClient>("some key"));
        Assert.Null(generator.GetService<string>());
    }

    [Fact]
    public void The_generator_type_is_internal_and_users_hold_the_interface_as_with_Microsofts_providers()
    {
        Assert.False(typeof(KlingImageGenerator).IsPublic);
        var asI = typeof(KlingImageGeneratorExtensions).GetMethod(nameof(KlingImageGeneratorExtensions.AsIImageGenerator));
        Assert.Equal(typeof(IImageGenerator), asI!.ReturnType);
        Assert.DoesNotContain(typeof(KlingImageGenerator).Assembly.GetExportedTypes(), type => typeof(IImageGenerator).IsAssignableFrom(type));
    }

    [Fact]
    public void The_wait_options_are_never_null()
    {
        var options = new KlingImageGeneratorOptions();

        Assert.NotNull(options.Wait);
        Assert.Throws<ArgumentNullException>(() => options.Wait = null!);
    }

    [Fact]
    public async Task Disposing_the_generator_leaves_the_client_it_was_given_usable()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        var client = emulator.CreateClient();
        Emulated.Generator(client).Dispose();

        using var again = Emulated.Generator(client);
        var response = await again.GenerateImagesAsync("A lighthouse", cancellationToken: Token);

        Assert.Single(response.Contents);
    }

    [Fact]
    public async Task AddKlingImageGenerator_registers_an_image_generator_over_the_registered_client()
    {
        using var emulator = new KlingEmulator(Emulated.Options());
        var services = new ServiceCollection();
        services.AddKlingClient(options =>
            {
                options.ApiKey = KlingEmulator.DefaultApiKey;
                options.BaseAddress = emulator.BaseAddress;
                options.AllowInsecureBaseAddress = true;
            })
            .ConfigurePrimaryHttpMessageHandler(emulator.CreateHandler);
        services.AddKlingImageGenerator(options => options.Wait = Emulated.FastWait());
        await using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IImageGenerator>();
        var response = await generator.GenerateImagesAsync("A lighthouse", new ImageGenerationOptions { Count = 2 }, Token);

        Assert.Equal(2, response.Contents.OfType<DataContent>().Count());
        Assert.Same(provider.GetRequiredService<KlingClient>(), generator.GetService<KlingClient>());
        Assert.Equal(emulator.BaseAddress, generator.GetService<ImageGeneratorMetadata>()!.ProviderUri);
    }
}
