using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using CometApi.Kling.Serialization;
using CometApi.Kling.Tests.Infrastructure;
using CsCheck;

namespace CometApi.Kling.Tests.Serialization;

public sealed class ImageToVideoRequestContentTests : IDisposable
{
    // JsonSerializer with the SDK's JSON context and the body's encoder (UTF-8 text unescaped), so the two can be compared byte for byte.
    private static readonly JsonTypeInfo<ImageToVideoRequest> SerializerTypeInfo = (JsonTypeInfo<ImageToVideoRequest>)
        new JsonSerializerOptions(KlingJsonContext.Default.Options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }.GetTypeInfo(typeof(ImageToVideoRequest));

    private readonly TempFiles _files = new();
    private readonly CancellationToken _cancellationToken = TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task Body_is_byte_for_byte_what_JsonSerializer_writes_with_the_base64_inlined_for_random_images_and_chunk_sizes()
    {
        var gen = Gen.Select(Gen.Byte.Array[1, 4000], Gen.Byte.Array[1, 300], Gen.Int[1, 1100], Gen.Enum<ImageKind>(), Gen.Enum<ImageKind>());

        await gen.SampleAsync(
            async (image, mask, chunkSize, imageKind, maskKind) =>
            {
                var sent = Request(ImageKinds.Make(imageKind, image, _files), ImageKinds.Make(maskKind, mask, _files));
                var inlined = Request(KlingImage.FromBase64(Convert.ToBase64String(image)), KlingImage.FromBase64(Convert.ToBase64String(mask)));
                var expected = JsonSerializer.SerializeToUtf8Bytes(inlined, SerializerTypeInfo);

                new KlingRequestValidator().Validate(sent); // Measures every image (and copies a non-seekable stream), as the client does first.
                using var content = new KlingRequestContent(sent, chunkSize);
                var body = await Body(content);

                Assert.Equal(expected, body);
                Assert.Equal(expected.Length, content.Headers.ContentLength);
            },
            iter: 400);
    }

    [Theory]
    [InlineData(ImageKind.Bytes)]
    [InlineData(ImageKind.Base64)]
    [InlineData(ImageKind.File)]
    [InlineData(ImageKind.SeekableStream)]
    [InlineData(ImageKind.NonSeekableStream)]
    public async Task Body_has_a_Content_Length_and_the_exact_application_json_content_type(ImageKind kind)
    {
        var image = TestImages.Png(640, 480, totalLength: 100_000);
        var request = Request(ImageKinds.Make(kind, image, _files), mask: null);
        Assert.Empty(new KlingRequestValidator().Validate(request));

        using var content = new KlingRequestContent(request);
        var body = await Body(content);

        Assert.Equal("application/json", content.Headers.ContentType!.ToString());
        Assert.Equal(body.Length, content.Headers.ContentLength);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Request(KlingImage.FromBytes(image), mask: null), SerializerTypeInfo), body);
    }

    [Theory]
    [InlineData(ImageKind.Bytes)]
    [InlineData(ImageKind.Base64)]
    [InlineData(ImageKind.File)]
    [InlineData(ImageKind.SeekableStream)]
    [InlineData(ImageKind.NonSeekableStream)]
    public async Task Body_can_be_written_again_for_a_redirect_or_a_retry(ImageKind kind)
    {
        var request = Request(ImageKinds.Make(kind, TestImages.Jpeg(640, 480, totalLength: 50_000), _files), mask: null);
        new KlingRequestValidator().Validate(request);
        using var content = new KlingRequestContent(request);

        var first = await Body(content);
        var second = await Body(content);

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Synchronous_and_asynchronous_bodies_are_identical()
    {
        var request = Request(KlingImage.FromFile(_files.Write(TestImages.Png(400, 400, totalLength: 70_000))), KlingImage.FromBytes(TestImages.Png(400, 400)));
        new KlingRequestValidator().Validate(request);
        using var content = new KlingRequestContent(request, chunkSize: 1000);

        using var sync = new MemoryStream();
#pragma warning disable CA1849 // The synchronous path is what is being tested.
        content.CopyTo(sync, context: null, _cancellationToken);
#pragma warning restore CA1849

        Assert.Equal(await Body(content), sync.ToArray());
    }

    [Fact]
    public void JsonSerializer_writes_file_and_stream_images_inline_as_base64()
    {
        var data = TestImages.Png(320, 320, totalLength: 40_000);
        var request = Request(KlingImage.FromFile(_files.Write(data)), KlingImage.FromStream(new NonSeekableStream(new MemoryStream(data))));

        var json = JsonSerializer.Serialize(request, SerializerTypeInfo);

        Assert.Equal(JsonSerializer.Serialize(Request(KlingImage.FromBytes(data), KlingImage.FromBytes(data)), SerializerTypeInfo), json);
        Assert.Contains(Convert.ToBase64String(data), json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_changes_size_after_validation_fails_with_a_clear_error_instead_of_a_wrong_body()
    {
        var original = TestImages.Png(640, 480, totalLength: 30_000);
        var path = _files.Write(original);
        var request = Request(KlingImage.FromFile(path), mask: null);
        Assert.Empty(new KlingRequestValidator().Validate(request));
        using var content = new KlingRequestContent(request);
        var announced = content.Headers.ContentLength;

        await File.AppendAllTextAsync(path, "more", _cancellationToken);
        // HttpContent wraps it in an HttpRequestException, which the client reports as a KlingConnectionException.
        var grown = Assert.IsType<IOException>((await Assert.ThrowsAsync<HttpRequestException>(() => Body(content))).InnerException);
        await File.WriteAllBytesAsync(path, TestImages.Png(640, 480, totalLength: 20_000), _cancellationToken);
        var shrunk = Assert.IsType<IOException>((await Assert.ThrowsAsync<HttpRequestException>(() => Body(content))).InnerException);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Request(KlingImage.FromBytes(original), mask: null), SerializerTypeInfo).Length, announced);
        Assert.Contains("changed while it was being sent: it was 30000 bytes when checked, but more than 30000 bytes were read", grown.Message, StringComparison.Ordinal);
        Assert.Contains("but only 20000 bytes were read", shrunk.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_starts_at_the_position_a_seekable_stream_had_when_the_image_was_made()
    {
        var image = TestImages.Png(300, 300);
        var stream = new MemoryStream([.. "prefix"u8, .. image]) { Position = 6 };
        var request = Request(KlingImage.FromStream(stream), mask: null);
        new KlingRequestValidator().Validate(request);

        using var content = new KlingRequestContent(request);

        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(Request(KlingImage.FromBytes(image), mask: null), SerializerTypeInfo), await Body(content));
    }

    [Fact]
    public void Content_rejects_a_chunk_size_below_1() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new KlingRequestContent(new ImageToVideoRequest(), chunkSize: 0));

    private static ImageToVideoRequest Request(KlingImage image, KlingImage? mask) => new()
    {
        Image = image,
        Prompt = "Le chat tourne la tête 🐱",
        DynamicMasks = mask is null ? null : [new KlingDynamicMask { Mask = mask, Trajectories = [new(1, 2), new(3, 4)] }],
        ExternalTaskId = "order-42",
    };

    private async Task<byte[]> Body(HttpContent content)
    {
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, _cancellationToken);
        return buffer.ToArray();
    }
}
