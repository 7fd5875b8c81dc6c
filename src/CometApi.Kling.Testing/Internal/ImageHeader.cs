using System.Buffers.Binary;

namespace CometApi.Kling.Testing.Internal;

/// <summary>Reads the format and pixel size of a PNG or JPEG from its header, as the service must before accepting it.</summary>
internal readonly record struct ImageHeader(string Format, int Width, int Height)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The header, with a zero size when the format is known but the size could not be found; null for other formats.</summary>
    public static ImageHeader? Read(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            // IHDR is always the first chunk: length (4), "IHDR" (4), width (4, big-endian), height (4).
            return data.Length >= 24 && data.Slice(12, 4).SequenceEqual("IHDR"u8)
                ? new ImageHeader("png", ClampToInt(BinaryPrimitives.ReadUInt32BigEndian(data.Slice(16))), ClampToInt(BinaryPrimitives.ReadUInt32BigEndian(data.Slice(20))))
                : new ImageHeader("png", 0, 0);
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ReadJpeg(data);
        }

        return null;
    }

    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data)
    {
        var position = 2;
        while (position + 4 <= data.Length)
        {
            if (data[position] != 0xFF)
            {
                break;
            }

            var marker = data[position + 1];
            if (marker == 0xFF)
            {
                // Fill byte before a marker.
                position++;
                continue;
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD9))
            {
                // Markers without a length field.
                position += 2;
                continue;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 2));
            var isStartOfFrame = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isStartOfFrame && position + 9 <= data.Length)
            {
                // SOFn: length (2), precision (1), height (2), width (2).
                var height = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 5));
                var width = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(position + 7));
                return new ImageHeader("jpeg", width, height);
            }

            if (length < 2)
            {
                break;
            }

            position += 2 + length;
        }

        return new ImageHeader("jpeg", 0, 0);
    }

    private static int ClampToInt(uint value) => value > int.MaxValue ? int.MaxValue : (int)value;
}
