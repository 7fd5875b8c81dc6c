using System.Reflection;
using CometApi.Kling.Testing.Tests.Infrastructure;

namespace CometApi.Kling.Testing.Tests;

/// <summary>The package's public surface follows the repository's conventions, checked by reflection so new types are held to them.</summary>
public class PublicApiConventionTests
{
    private static readonly Type[] PublicTypes = typeof(KlingEmulator).Assembly.GetExportedTypes();

    [Fact]
    public void Every_public_type_is_in_the_CometApi_Kling_Testing_namespace_and_sealed_or_an_enum()
    {
        Assert.All(PublicTypes, type =>
        {
            Assert.Equal("CometApi.Kling.Testing", type.Namespace);
            Assert.True(type.IsSealed || type.IsEnum, $"{type.Name} should be sealed.");
        });
    }

    [Fact]
    public void Every_public_async_method_takes_a_defaulted_cancellationToken_last()
    {
        var asyncMethods = PublicTypes
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.ReturnType == typeof(Task) || (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() == typeof(Task<>)))
            .ToArray();

        Assert.NotEmpty(asyncMethods);
        Assert.All(asyncMethods, method =>
        {
            var last = method.GetParameters().Last();
            Assert.True(method.Name.EndsWith("Async", StringComparison.Ordinal), method.Name);
            Assert.Equal(typeof(CancellationToken), last.ParameterType);
            Assert.Equal("cancellationToken", last.Name);
            Assert.True(last.HasDefaultValue, method.Name);
        });
    }

    [Fact]
    public async Task Both_doors_record_the_same_headers_for_the_same_request()
    {
        await using var server = await KlingEmulator.StartServerAsync(cancellationToken: TestContext.Current.CancellationToken);
        using var emulator = new KlingEmulator();
        using var overSocket = new RawApi(new HttpClientHandler(), server.BaseAddress);
        using var inProcess = new RawApi(emulator);

        await overSocket.CreateAsync(RawApi.MinimalBody());
        await inProcess.CreateAsync(RawApi.MinimalBody());

        var socketHeaders = server.Emulator.Requests[0].Headers;
        var handlerHeaders = emulator.Requests[0].Headers;
        Assert.Equal(socketHeaders["Content-Length"], handlerHeaders["Content-Length"]);
        Assert.Equal(server.BaseAddress.Authority, socketHeaders["Host"]);
        Assert.Equal("kling-emulator.local", handlerHeaders["Host"]);
        Assert.Equal(
            socketHeaders.Keys.Select(k => k.ToLowerInvariant()).Order(),
            handlerHeaders.Keys.Select(k => k.ToLowerInvariant()).Order());
    }
}
