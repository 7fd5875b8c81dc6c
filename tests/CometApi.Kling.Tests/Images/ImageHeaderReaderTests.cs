using System.Buffers.Binary;
using CometApi.Kling.Images;
using CometApi.Kling.Tests.Infrastructure;
using CsCheck;

namespace CometApi.Kling.Tests.Images;

public class ImageHeaderReaderTests
{
    private static (bool Ok, ImageHeader Header, string Problem) Read(byte[] data)
    {
        using var reader = new ImageByteReader.FromMemory(data);
        var ok = ImageHeaderReader.TryRead(reader, out var header, out var problem);
        return (ok, header, problem);
    }

    private static ImageHeader Header(byte[] data)
    {
        var (ok, header, problem) = Read(data);
        Assert.True(ok, problem);
        return header;
    }

    private static string Problem(byte[] data)
    {
        var (ok, _, problem) = Read(data);
        Assert.False(ok);
        return problem;
    }

    [Fact]
    public void The_test_CRC_is_the_one_PNG_uses() =>
        Assert.Equal(0xAE426082u, TestImages.Crc32("IEND"u8)); // The CRC every PNG ends with.

    [Theory]
    [InlineData(300, 300)]
    [InlineData(1920, 1080)]
    [InlineData(1, 65535)]
    [InlineData(100_000, 3)]
    public void Reads_the_size_of_a_PNG_from_IHDR(int width, int height) =>
        Assert.Equal(new ImageHeader("PNG", width, height), Header(TestImages.Png(width, height)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Reads_the_size_of_a_baseline_or_progressive_JPEG_from_its_frame_header(bool progressive) =>
        Assert.Equal(new ImageHeader("JPEG", 1280, 720), Header(TestImages.Jpeg(1280, 720, progressive)));

    [Fact]
    public void Skips_EXIF_ICC_and_comment_segments_before_the_JPEG_frame_header()
    {
        var jpeg = TestImages.Jpeg(
            4032,
            3024,
            progressive: true,
            totalLength: 0,
            TestImages.AppSegment(0xE1, 65_000), // EXIF with a thumbnail
            TestImages.AppSegment(0xE2, 60_000), // ICC profile
            TestImages.AppSegment(0xFE, 10), // comment
            TestImages.AppSegment(0xDB, 130), // quantisation tables
            TestImages.AppSegment(0xC4, 400)); // Huffman tables share the SOF range but are not frame headers

        Assert.Equal(new ImageHeader("JPEG", 4032, 3024), Header(jpeg));
    }

    [Fact]
    public void Skips_fill_bytes_before_a_JPEG_marker()
    {
        var jpeg = TestImages.Jpeg(800, 600, progressive: false, totalLength: 0, [0xFF, 0xFF, 0xFF, 0xFE, 0x00, 0x04, 0x41, 0x42]);

        Assert.Equal(new ImageHeader("JPEG", 800, 600), Header(jpeg));
    }

    [Theory]
    [InlineData(8)]
    [InlineData(20)]
    [InlineData(32)]
    public void A_truncated_PNG_header_is_a_problem(int length) =>
        Assert.Equal($"the PNG header is truncated ({length} of 33 bytes)", Problem(TestImages.Png(640, 480)[..length]));

    [Fact]
    public void A_PNG_whose_IHDR_was_altered_is_caught_by_its_checksum()
    {
        var png = TestImages.Png(640, 480);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), 6400); // The header now lies about the width.

        Assert.Equal("the PNG IHDR chunk is corrupt (its checksum does not match), so its size cannot be trusted", Problem(png));
    }

    [Fact]
    public void A_PNG_that_does_not_start_with_IHDR_is_a_problem()
    {
        var png = TestImages.Png(640, 480);
        "IDAT"u8.CopyTo(png.AsSpan(12));

        Assert.Equal("the PNG does not start with a valid IHDR chunk, so its size cannot be read", Problem(png));
    }

    [Fact]
    public void A_PNG_with_a_zero_width_is_a_problem() =>
        Assert.Equal("the PNG header gives an impossible size (0×480 px)", Problem(TestImages.Png(0, 480)));

    [Fact]
    public void A_JPEG_cut_before_its_frame_header_is_a_problem()
    {
        var jpeg = TestImages.Jpeg(640, 480, progressive: false, totalLength: 0, TestImages.AppSegment(0xE1, 5000));

        Assert.StartsWith("the JPEG is truncated or corrupt", Problem(jpeg[..3000]), StringComparison.Ordinal);
        Assert.StartsWith("the JPEG is truncated or corrupt", Problem(jpeg[..3]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_JPEG_segment_whose_length_points_past_the_end_is_a_problem()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xF0, 1, 2, 3];

        Assert.Equal("the JPEG is truncated or corrupt: it ends at byte 65524 before its frame header (SOF)", Problem(jpeg));
    }

    [Fact]
    public void A_JPEG_frame_header_cut_in_the_middle_is_a_problem()
    {
        var jpeg = TestImages.Jpeg(640, 480);
        var sof = jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xC0]);

        Assert.StartsWith("the JPEG is truncated or corrupt", Problem(jpeg[..(sof + 6)]), StringComparison.Ordinal);
    }

    [Fact]
    public void A_JPEG_without_a_frame_header_before_its_data_is_a_problem()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9];

        Assert.Equal("the JPEG has no frame header (SOF) before its image data, so its size cannot be read", Problem(jpeg));
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01 }, "the JPEG is corrupt: a segment at byte 2 has the impossible length 1")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x02, 0x12, 0x34 }, "the JPEG is corrupt: no segment marker at byte 6")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x05, 8, 0, 1 }, "the JPEG frame header is too short (5 bytes)")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0x00 }, "the JPEG is corrupt: unexpected marker 0xFF00 at byte 2")]
    public void A_corrupt_JPEG_is_a_problem(byte[] jpeg, string problem) =>
        Assert.Equal(problem, Problem(jpeg));

    [Fact]
    public void A_JPEG_whose_height_comes_later_in_a_DNL_marker_cannot_be_checked() =>
        Assert.Contains("DNL", Problem(TestImages.Jpeg(640, 0)), StringComparison.Ordinal);

    [Theory]
    [InlineData("GIF89a......", "a GIF")]
    [InlineData("RIFF....WEBPVP8 ", "a WebP")]
    [InlineData("BM..........", "a BMP")]
    [InlineData("II*\0........", "a TIFF")]
    [InlineData("....ftypheic", "a HEIC/HEIF")]
    [InlineData("....ftypavif", "an AVIF")]
    public void Other_image_formats_are_named(string start, string name) =>
        Assert.Equal($"the image is {name}; Kling accepts only JPEG or PNG", Problem(System.Text.Encoding.Latin1.GetBytes(start)));

    [Fact]
    public void Bytes_that_are_no_image_are_a_problem()
    {
        Assert.Equal(
            "the image is not a JPEG or PNG (its first bytes are neither signature); Kling accepts only JPEG or PNG",
            Problem("{\"not\":\"an image\"}"u8.ToArray()));
        Assert.Equal("the image is empty (0 bytes)", Problem([]));
    }

    [Fact]
    public void Base64_text_reads_nothing_past_the_end_even_inside_the_last_group()
    {
        using var reader = new ImageByteReader.FromBase64(Convert.ToBase64String([1, 2, 3, 4])); // "AQIDBA==": the last group holds one byte

        Assert.Equal(0, reader.ReadAt(5, new byte[4], 4));
    }

    [Fact]
    public void A_base64_JPEG_whose_segment_points_past_the_end_is_a_problem_not_a_crash()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x06, 1, 2, 3];
        using var reader = new ImageByteReader.FromBase64(Convert.ToBase64String(jpeg));

        Assert.False(ImageHeaderReader.TryRead(reader, out _, out var problem));
        Assert.StartsWith("the JPEG is truncated or corrupt", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Base64_text_reads_the_same_bytes_as_the_decoded_data_at_any_offset() =>
        Gen.Select(Gen.Byte.Array[0, 40], Gen.Int[0, 45], Gen.Int[0, 12]).Sample(
            (data, offset, count) =>
            {
                using var fromMemory = new ImageByteReader.FromMemory(data);
                using var fromBase64 = new ImageByteReader.FromBase64(Convert.ToBase64String(data));
                var expected = new byte[count];
                var actual = new byte[count];

                var expectedLength = fromMemory.ReadAt(offset, expected, count);
                var actualLength = fromBase64.ReadAt(offset, actual, count);

                Assert.Equal(expectedLength, actualLength);
                Assert.Equal(expected, actual);
            },
            iter: 5000);
}
