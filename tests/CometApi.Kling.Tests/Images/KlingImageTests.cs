using CometApi.Kling.Tests.Infrastructure;

namespace CometApi.Kling.Tests.Images;

public sealed class KlingImageTests : IDisposable
{
    private readonly TempFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Theory]
    [InlineData("https://example.com/cat.png")]
    [InlineData("http://localhost:8080/cat.jpg")]
    public void FromUrl_accepts_http_and_https(string url) =>
        Assert.Equal(new Uri(url), KlingImage.FromUrl(new Uri(url)).Url);

    [Theory]
    [InlineData("ftp://example.com/cat.png", "ftp")]
    [InlineData("file:///photos/cat.png", "file")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=", "data")]
    public void FromUrl_rejects_other_schemes(string url, string scheme)
    {
        var error = Assert.Throws<ArgumentException>(() => KlingImage.FromUrl(new Uri(url)));

        Assert.Contains($"got '{scheme}'", error.Message, StringComparison.Ordinal);
        Assert.Equal("url", error.ParamName);
    }

    [Fact]
    public void FromUrl_rejects_null() =>
        Assert.Throws<ArgumentNullException>(() => KlingImage.FromUrl(null!));

    [Theory]
    [InlineData("data:image/png;base64,")]
    [InlineData("DATA:IMAGE/JPEG;BASE64,")]
    [InlineData("data:image/png;name=cat.png;base64,")]
    public void FromBase64_strips_a_data_uri_prefix(string prefix)
    {
        var png = TestImages.Base64Png(300, 300);

        Assert.Equal(png, KlingImage.FromBase64(prefix + png).Base64);
    }

    [Fact]
    public void FromBase64_removes_the_line_breaks_of_MIME_base64()
    {
        var data = TestImages.Png(300, 300, totalLength: 500);

        var image = KlingImage.FromBase64(Convert.ToBase64String(data, Base64FormattingOptions.InsertLineBreaks));

        Assert.Equal(Convert.ToBase64String(data), image.Base64);
    }

    [Fact]
    public void FromBase64_keeps_raw_base64_as_it_is()
    {
        var png = TestImages.Base64Png(300, 300);

        Assert.Same(png, KlingImage.FromBase64(png).Base64);
    }

    [Theory]
    [InlineData("abc", "its length (3 characters) is not a multiple of 4 (is padding '=' missing?)")]
    [InlineData("ab-_", "the character '-' at index 2 belongs to URL-safe base64; convert it to standard base64 ('+' and '/')")]
    [InlineData("a=bc", "padding '=' appears at index 1, before the end")]
    [InlineData("a===", "padding '=' appears at index 1, before the end")]
    [InlineData("ab$c", "the character '$' at index 2 is not a base64 character")]
    [InlineData("abc\u00e9", "the character U+00E9 at index 3 is not a base64 character")]
    public void FromBase64_rejects_invalid_base64_saying_where(string text, string problem)
    {
        var error = Assert.Throws<ArgumentException>(() => KlingImage.FromBase64(text));

        Assert.StartsWith($"The image text is not valid base64: {problem}.", error.Message, StringComparison.Ordinal);
        Assert.Equal("base64", error.ParamName);
    }

    [Fact]
    public void FromBase64_rejects_a_data_uri_that_is_not_base64() =>
        Assert.Throws<ArgumentException>(() => KlingImage.FromBase64("data:image/svg+xml,<svg/>"));

    [Fact]
    public void FromBase64_rejects_null() =>
        Assert.Throws<ArgumentNullException>(() => KlingImage.FromBase64(null!));

    [Fact]
    public void FromBytes_rejects_empty_data() =>
        Assert.Equal("bytes", Assert.Throws<ArgumentException>(() => KlingImage.FromBytes(ReadOnlyMemory<byte>.Empty)).ParamName);

    [Fact]
    public void FromFile_resolves_a_relative_path_now()
    {
        var image = KlingImage.FromFile("cat.png");

        Assert.Equal($"KlingImage(file '{Path.GetFullPath("cat.png")}')", image.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("bad\0path.png")]
    public void FromFile_rejects_an_empty_or_invalid_path(string path) =>
        Assert.Equal("path", Assert.Throws<ArgumentException>(() => KlingImage.FromFile(path)).ParamName);

    [Fact]
    public void FromFile_rejects_null() =>
        Assert.Throws<ArgumentNullException>(() => KlingImage.FromFile(null!));

    [Fact]
    public void A_missing_file_is_reported_by_validation_with_its_path()
    {
        var path = Path.Combine(_files.Folder, "missing.png");

        var error = Assert.Single(new KlingRequestValidator().Validate(new ImageToVideoRequest { Image = KlingImage.FromFile(path) }));

        Assert.Equal("image", error.Path);
        Assert.StartsWith($"the image (file '{path}') cannot be read: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing.png", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_is_checked_from_its_header()
    {
        var path = _files.Write(TestImages.Jpeg(200, 900, progressive: true, totalLength: 0, TestImages.AppSegment(0xE1, 30_000)));

        var errors = new KlingRequestValidator().Validate(new ImageToVideoRequest { Image = KlingImage.FromFile(path) });

        Assert.Equal(2, errors.Count);
        Assert.All(errors, error => Assert.Contains("200×900 px", error.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_with_a_truncated_header_is_an_error()
    {
        var path = _files.Write(TestImages.Png(640, 480)[..16]);

        Assert.Equal(
            "the PNG header is truncated (16 of 33 bytes).",
            Assert.Single(new KlingRequestValidator().Validate(new ImageToVideoRequest { Image = KlingImage.FromFile(path) })).Message);
    }

    [Fact]
    public void An_empty_file_is_an_error()
    {
        var path = _files.Write([]);

        Assert.Equal(
            "the image is empty (0 bytes).",
            Assert.Single(new KlingRequestValidator().Validate(new ImageToVideoRequest { Image = KlingImage.FromFile(path) })).Message);
    }

    [Fact]
    public void FromStream_rejects_null_and_unreadable_streams()
    {
        var closed = new MemoryStream();
        closed.Dispose();

        Assert.Throws<ArgumentNullException>(() => KlingImage.FromStream(null!));
        Assert.Equal("stream", Assert.Throws<ArgumentException>(() => KlingImage.FromStream(closed)).ParamName);
    }

    [Fact]
    public void A_non_seekable_stream_is_checked_from_a_temporary_copy_and_an_oversized_one_is_read_only_up_to_the_limit()
    {
        var small = new NonSeekableStream(new MemoryStream(TestImages.Png(250, 250)));
        var large = new MemoryStream(TestImages.Png(1280, 720, totalLength: 12 * 1024 * 1024));
        var validator = new KlingRequestValidator();

        var smallError = Assert.Single(validator.Validate(new ImageToVideoRequest { Image = KlingImage.FromStream(small) }));
        var largeError = Assert.Single(validator.Validate(new ImageToVideoRequest { Image = KlingImage.FromStream(new NonSeekableStream(large)) }));

        Assert.Contains("250×250 px", smallError.Message, StringComparison.Ordinal);
        Assert.Equal("the image is larger than 10,485,760 bytes, the limit (KlingValidationLimits.MaxImageBytes).", largeError.Message);
        Assert.Equal((10 * 1024 * 1024) + 1, large.Position);
    }

    [Fact]
    public void ToString_describes_every_kind_without_its_data()
    {
        var png = TestImages.Png(300, 300);
        var base64 = Convert.ToBase64String(png);

        Assert.Equal("KlingImage(url: https://example.com/cat.png)", KlingImage.FromUrl(new Uri("https://example.com/cat.png")).ToString());
        Assert.Equal($"KlingImage(base64, {base64.Length} chars)", KlingImage.FromBase64(base64).ToString());
        Assert.Equal($"KlingImage(bytes, {png.Length} bytes)", KlingImage.FromBytes(png).ToString());
        Assert.Equal("KlingImage(stream)", KlingImage.FromStream(new MemoryStream(png)).ToString());
        Assert.Equal("KlingImage(stream, not seekable)", KlingImage.FromStream(new NonSeekableStream(new MemoryStream(png))).ToString());
        Assert.DoesNotContain(base64[..20], new ImageToVideoRequest { Image = KlingImage.FromBase64(base64) }.ToString(), StringComparison.Ordinal);
    }
}
