using System.Buffers.Binary;
using System.Text;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>
/// Tiny but real image headers, built byte by byte: enough for a header reader (and for any decoder to agree on the
/// format and size), with optional padding so a test can reach an exact file size.
/// </summary>
internal static class TestImages
{
    /// <summary>A PNG: signature, IHDR (with a correct CRC), an empty IDAT and IEND, padded to <paramref name="totalLength"/>.</summary>
    public static byte[] Png(int width, int height, int totalLength = 0)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type: RGB
        using var stream = new MemoryStream();
        stream.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(stream, "IHDR", ihdr);
        WriteChunk(stream, "IDAT", []);
        WriteChunk(stream, "IEND", []);
        return Pad(stream.ToArray(), totalLength);
    }

    /// <summary>
    /// A JPEG: SOI, a JFIF APP0, any extra segments (e.g. a large EXIF APP1), a frame header (SOF0 baseline or SOF2
    /// progressive), SOS and EOI, padded before EOI to <paramref name="totalLength"/>.
    /// </summary>
    public static byte[] Jpeg(int width, int height, bool progressive = false, int totalLength = 0, params byte[][] extraSegments)
    {
        using var stream = new MemoryStream();
        stream.Write([0xFF, 0xD8]);
        WriteSegment(stream, 0xE0, [.. "JFIF\0"u8, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
        foreach (var segment in extraSegments)
        {
            stream.Write(segment);
        }

        var sof = new byte[15];
        sof[0] = 8; // precision
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(1), (ushort)height);
        BinaryPrimitives.WriteUInt16BigEndian(sof.AsSpan(3), (ushort)width);
        sof[5] = 3; // components
        for (var c = 0; c < 3; c++)
        {
            sof[6 + (c * 3)] = (byte)(c + 1);
            sof[7 + (c * 3)] = 0x11;
        }

        WriteSegment(stream, progressive ? (byte)0xC2 : (byte)0xC0, sof);
        WriteSegment(stream, 0xDA, [1, 1, 0, 0, 0x3F, 0]);
        var body = stream.ToArray();
        var padded = Pad(body, totalLength == 0 ? 0 : totalLength - 2);
        return [.. padded, 0xFF, 0xD9];
    }

    /// <summary>A JPEG APPn segment of the given payload size (e.g. an EXIF block with a thumbnail).</summary>
    public static byte[] AppSegment(byte marker, int payloadLength)
    {
        using var stream = new MemoryStream();
        WriteSegment(stream, marker, new byte[payloadLength]);
        return stream.ToArray();
    }

    public static string Base64Png(int width, int height) => Convert.ToBase64String(Png(width, height));

    /// <summary>CRC-32 as PNG uses it (ISO-HDLC), computed independently of the library's copy.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static void WriteChunk(Stream stream, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)data.Length);
        stream.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        stream.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        stream.Write(crc);
    }

    private static void WriteSegment(Stream stream, byte marker, byte[] payload)
    {
        stream.Write([0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)((payload.Length + 2) & 0xFF)]);
        stream.Write(payload);
    }

    private static byte[] Pad(byte[] data, int totalLength)
    {
        if (totalLength <= data.Length)
        {
            return data;
        }

        var padded = new byte[totalLength];
        data.CopyTo(padded, 0);
        return padded;
    }
}
