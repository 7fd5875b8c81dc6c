using System.Text.Json;
using System.Text.Json.Nodes;
using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Kinds;

/// <summary>
/// What <see cref="KlingClient.CreateVirtualTryOnAsync"/> puts on the wire (kling-catalogue §4.3, the official body):
/// the route, the exact body, local images as raw base64, and that <c>JsonSerializer.Serialize(request)</c> agrees.
/// </summary>
public sealed class VirtualTryOnWireTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private static VirtualTryOnRequest FullRequest() => new()
    {
        ModelName = KlingModel.KolorsVirtualTryOnV15,
        HumanImage = KlingImage.FromUrl(new Uri("https://example.com/person.png")),
        ClothingImage = KlingImage.FromUrl(new Uri("https://example.com/shirt.jpg")),
        CallbackUrl = new Uri("https://example.com/kling/hook"),
        ExternalTaskId = "order-7",
    };

    private const string FullBody =
        """{"model_name":"kolors-virtual-try-on-v1-5","human_image":"https://example.com/person.png","cloth_image":"https://example.com/shirt.jpg","callback_url":"https://example.com/kling/hook","external_task_id":"order-7"}""";

    private static (KlingClient Client, CapturingHandler Handler) Client(Action<KlingClientOptions>? configure = null)
    {
        var handler = CapturingHandler.Json(Responses.Created);
        return (KindApi.Client(handler, configure: configure), handler);
    }

    [Fact]
    public async Task Create_virtual_try_on_posts_the_exact_body_to_kling_v1_images_kolors_virtual_try_on()
    {
        var (client, handler) = Client();

        var created = await client.CreateVirtualTryOnAsync(FullRequest(), Token);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("https://api.cometapi.com/kling/v1/images/kolors-virtual-try-on", sent.Uri.AbsoluteUri);
        Assert.Equal(FullBody, sent.Body);
        Assert.Equal(KlingTaskKind.VirtualTryOn, created.Data.Kind);
    }

    [Fact]
    public async Task Create_virtual_try_on_sends_local_images_as_raw_base64_and_omits_unset_fields()
    {
        var human = TestImages.Png(600, 900);
        var cloth = TestImages.Jpeg(500, 500);
        var (client, handler) = Client(options => options.Resilience.AutoExternalTaskId = false);

        await client.CreateVirtualTryOnAsync(new VirtualTryOnRequest { HumanImage = KlingImage.FromBytes(human), ClothingImage = KlingImage.FromStream(new MemoryStream(cloth)) }, Token);

        var body = Assert.Single(handler.Requests).Body!;
        Assert.Equal("{\"human_image\":\"" + Convert.ToBase64String(human) + "\",\"cloth_image\":\"" + Convert.ToBase64String(cloth) + "\"}", body);
        Assert.DoesNotContain("data:", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_virtual_try_on_adds_the_auto_external_task_id()
    {
        var (client, handler) = Client();
        var request = FullRequest();
        request.ExternalTaskId = null;

        await client.CreateVirtualTryOnAsync(request, Token);

        Assert.Matches("^kling-[0-9a-f]{32}$", JsonNode.Parse(Assert.Single(handler.Requests).Body!)!["external_task_id"]!.GetValue<string>());
    }

    [Fact]
    public void JsonSerializer_Serialize_of_a_virtual_try_on_request_is_the_wire_body_and_it_is_write_only()
    {
        Assert.Equal(FullBody, JsonSerializer.Serialize(FullRequest()));
        Assert.Throws<NotSupportedException>(() => JsonSerializer.Deserialize<VirtualTryOnRequest>("{}"));
    }
}
