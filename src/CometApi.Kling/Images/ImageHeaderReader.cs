using System.Globalization;

namespace CometApi.Kling.Images;

/// <summary>
/// Reads the format and pixel size of a JPEG or PNG from its header only (PNG <c>IHDR</c>, JPEG <c>SOFn</c>), with no
/// imaging library and without loading the image. Anything it cannot read is a problem, never a guess.
/// </summary>
internal static class ImageHeaderReader
{
    public const string Png = "PNG";
    public const string Jpeg = "JPEG";

    // Signature (8) + IHDR length (4) + type (4) + data (13) + CRC (4).
    private const int PngHeaderLength = 33;

    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static readonly uint[] Crc32Table = CreateCrc32Table();

    /// <summary>Reads the header; on failure <paramref name="problem"/> says why, in words a user can act on.</summary>
    public static bool TryRead(ImageByteReader input, out ImageHeader header, out string problem)
    {
        header = default;
        var start = new byte[PngHeaderLength];
        var length = input.ReadAt(0, start, start.Length);
        if (length == 0)
        {
            problem = "the image is empty (0 bytes)";
            return false;
        }

        if (StartsWith(start, length, PngSignature))
        {
            return TryReadPng(start, length, out header, out problem);
        }

        if (length >= 3 && start[0] == 0xFF && start[1] == 0xD8 && start[2] == 0xFF)
        {
            return TryReadJpeg(input, out header, out problem);
        }

        problem = OtherFormat(start, length) is { } format
            ? $"the image is {format}; Kling accepts only JPEG or PNG"
            : "the image is not a JPEG or PNG (its first bytes are neither signature); Kling accepts only JPEG or PNG";
        return false;
    }

    private static bool TryReadPng(byte[] data, int length, out ImageHeader header, out string problem)
    {
        header = default;
        if (length < PngHeaderLength)
        {
            problem = $"the PNG header is truncated ({length} of {PngHeaderLength} bytes)";
            return false;
        }

        if (BigEndian32(data, 8) != 13 || data[12] != (byte)'I' || data[13] != (byte)'H' || data[14] != (byte)'D' || data[15] != (byte)'R')
        {
            problem = "the PNG does not start with a valid IHDR chunk, so its size cannot be read";
            return false;
        }

        if (Crc32(data, 12, 17) != BigEndian32(data, 29))
        {
            problem = "the PNG IHDR chunk is corrupt (its checksum does not match), so its size cannot be trusted";
            return false;
        }

        var width = BigEndian32(data, 16);
        var height = BigEndian32(data, 20);
        if (width is 0 or > int.MaxValue || height is 0 or > int.MaxValue)
        {
            problem = string.Format(CultureInfo.InvariantCulture, "the PNG header gives an impossible size ({0}×{1} px)", width, height);
            return false;
        }

        header = new ImageHeader(Png, (int)width, (int)height);
        problem = string.Empty;
        return true;
    }

    private static bool TryReadJpeg(ImageByteReader input, out ImageHeader header, out string problem)
    {
        header = default;
        var buffer = new byte[9];
        long offset = 2;
        while (true)
        {
            // A marker: 0xFF, any number of 0xFF fill bytes, then the marker code.
            if (input.ReadAt(offset, buffer, 2) < 2)
            {
                problem = Truncated(offset);
                return false;
            }

            if (buffer[0] != 0xFF)
            {
                problem = string.Format(CultureInfo.InvariantCulture, "the JPEG is corrupt: no segment marker at byte {0}", offset);
                return false;
            }

            var marker = buffer[1];
            if (marker == 0xFF)
            {
                offset++;
                continue;
            }

            offset += 2;
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // Standalone markers have no length.
            }

            if (marker is 0xD9 or 0xDA)
            {
                problem = "the JPEG has no frame header (SOF) before its image data, so its size cannot be read";
                return false;
            }

            if (marker is 0x00 or 0xD8)
            {
                problem = string.Format(CultureInfo.InvariantCulture, "the JPEG is corrupt: unexpected marker 0xFF{0:X2} at byte {1}", marker, offset - 2);
                return false;
            }

            if (input.ReadAt(offset, buffer, 2) < 2)
            {
                problem = Truncated(offset);
                return false;
            }

            var segmentLength = (buffer[0] << 8) | buffer[1];
            if (segmentLength < 2)
            {
                problem = string.Format(CultureInfo.InvariantCulture, "the JPEG is corrupt: a segment at byte {0} has the impossible length {1}", offset - 2, segmentLength);
                return false;
            }

            if (IsStartOfFrame(marker))
            {
                // Length (2), precision (1), height (2), width (2), component count (1).
                if (segmentLength < 8)
                {
                    problem = string.Format(CultureInfo.InvariantCulture, "the JPEG frame header is too short ({0} bytes)", segmentLength);
                    return false;
                }

                if (input.ReadAt(offset, buffer, 8) < 8)
                {
                    problem = Truncated(offset);
                    return false;
                }

                var height = (buffer[3] << 8) | buffer[4];
                var width = (buffer[5] << 8) | buffer[6];
                if (width == 0 || height == 0)
                {
                    problem = string.Format(
                        CultureInfo.InvariantCulture,
                        "the JPEG frame header gives the size {0}×{1} px (a height of 0 is only given later, by a DNL marker), so its size cannot be checked",
                        width,
                        height);
                    return false;
                }

                header = new ImageHeader(Jpeg, width, height);
                problem = string.Empty;
                return true;
            }

            // APPn (EXIF, ICC, XMP), comments, tables...: skip the whole segment.
            offset += segmentLength;
        }
    }

    // SOF0-SOF3, SOF5-SOF7, SOF9-SOF11, SOF13-SOF15 (baseline, extended, progressive, lossless, hierarchical, arithmetic).
    // 0xC4 (DHT), 0xC8 (JPG) and 0xCC (DAC) share the range but are not frame headers.
    private static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    private static string Truncated(long offset) =>
        string.Format(CultureInfo.InvariantCulture, "the JPEG is truncated or corrupt: it ends at byte {0} before its frame header (SOF)", offset);

    private static string? OtherFormat(byte[] data, int length)
    {
        bool At(int index, string ascii) =>
            length >= index + ascii.Length && ascii.Select((c, i) => data[index + i] == (byte)c).All(match => match);

        return At(0, "GIF8") ? "a GIF"
            : At(0, "RIFF") && At(8, "WEBP") ? "a WebP"
            : At(0, "BM") ? "a BMP"
            : At(0, "II*\0") || At(0, "MM\0*") ? "a TIFF"
            : At(4, "ftypheic") || At(4, "ftypheix") || At(4, "ftypmif1") ? "a HEIC/HEIF"
            : At(4, "ftypavif") ? "an AVIF"
            : null;
    }

    private static bool StartsWith(byte[] data, int length, byte[] prefix)
    {
        if (length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (data[i] != prefix[i])
            {
                return false;
            }
        }

        return true;
    }

    private static uint BigEndian32(byte[] data, int index) =>
        ((uint)data[index] << 24) | ((uint)data[index + 1] << 16) | ((uint)data[index + 2] << 8) | data[index + 3];

    private static uint Crc32(byte[] data, int index, int count)
    {
        var crc = 0xFFFFFFFFu;
        for (var i = index; i < index + count; i++)
        {
            crc = Crc32Table[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] CreateCrc32Table()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
