using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// The virtual try-on rules (kling-catalogue §4.3 and the common image rule of §0.2), checked before anything is sent.
/// </summary>
public sealed class VirtualTryOnValidationTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VirtualTryOnRequest Valid(Action<VirtualTryOnRequest>? change = null)
    {
        var request = new VirtualTryOnRequest
        {
            HumanImage = KlingImage.FromBytes(TestImages.Png(600, 900)),
            ClothingImage = KlingImage.FromBytes(TestImages.Jpeg(500, 500)),
        };
        change?.Invoke(request);
        return request;
    }

    private static async Task<KlingValidationException> RefusedAsync(VirtualTryOnRequest request)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        var error = await Assert.ThrowsAsync<KlingValidationException>(() => KindApi.Client(handler).CreateVirtualTryOnAsync(request, Token));
        Assert.Empty(handler.Requests);
        return error;
    }

    [Fact]
    public async Task Create_virtual_try_on_accepts_a_person_and_a_garment()
    {
        var handler = CapturingHandler.Json(Responses.Created);

        var created = await KindApi.Client(handler).CreateVirtualTryOnAsync(Valid(), Token);

        Assert.Equal(KlingTaskKind.VirtualTryOn, created.Data.Kind);
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Create_virtual_try_on_rejects_a_request_without_either_image_naming_both()
    {
        var error = await RefusedAsync(new VirtualTryOnRequest { ModelName = KlingModel.KolorsVirtualTryOnV1 });

        Assert.Equal(["human_image", "cloth_image"], error.Errors.Select(problem => problem.Path));
        Assert.All(error.Errors, problem => Assert.Contains("required", problem.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Create_virtual_try_on_checks_both_local_images_by_the_common_image_rule()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.HumanImage = KlingImage.FromBytes(TestImages.Png(250, 600));
            request.ClothingImage = KlingImage.FromBytes(TestImages.Jpeg(1600, 600));
        }));

        Assert.Equal(["human_image", "cloth_image"], error.Errors.Select(problem => problem.Path));
        Assert.Contains("at least 300 px", error.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("aspect ratio", error.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_virtual_try_on_rejects_a_local_image_over_10_MB()
    {
        var error = await RefusedAsync(Valid(request => request.ClothingImage = KlingImage.FromBytes(TestImages.Png(600, 600, totalLength: (10 * 1024 * 1024) + 1))));

        Assert.Equal("cloth_image", Assert.Single(error.Errors).Path);
    }

    [Fact]
    public async Task Create_virtual_try_on_rejects_a_bad_callback_a_blank_id_and_a_repeated_extra_field_at_once()
    {
        var error = await RefusedAsync(Valid(request =>
        {
            request.CallbackUrl = new Uri("ftp://example.com/hook");
            request.ExternalTaskId = "";
            request.AdditionalProperties = new Dictionary<string, JsonNode?> { ["human_image"] = "https://example.com/other.png" };
        }));

        Assert.Equal(["callback_url", "external_task_id", "human_image"], error.Errors.Select(problem => problem.Path));
    }
}
