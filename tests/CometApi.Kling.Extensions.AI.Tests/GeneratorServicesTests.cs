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
        using var generator = client.AsImageGenerator(new KlingImageGeneratorOptions { DefaultModelId = "kling-v3", ProviderUri = emulator.BaseAddress });

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
        services.AddKlingImageGenerator(options => options.WaitOptions = Emulated.FastWait());
        await using var provider = services.BuildServiceProvider();

        var generator = provider.GetRequiredService<IImageGenerator>();
        var response = await generator.GenerateImagesAsync("A lighthouse", new ImageGenerationOptions { Count = 2 }, Token);

        Assert.Equal(2, response.Contents.OfType<DataContent>().Count());
        Assert.Same(provider.GetRequiredService<KlingClient>(), generator.GetService<KlingClient>());
        Assert.Equal(emulator.BaseAddress, generator.GetService<ImageGeneratorMetadata>()!.ProviderUri);
    }
}
