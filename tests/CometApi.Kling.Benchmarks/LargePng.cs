using System.Buffers.Binary;

namespace CometApi.Kling.Benchmarks;

/// <summary>A real PNG header (1024×1024 RGB, correct IHDR CRC) followed by filler up to an exact size: what the validator reads.</summary>
internal static class LargePng
{
    public static byte[] Create(int totalLength)
    {
        var bytes = new byte[totalLength];
        byte[] signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
        signature.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(8), 13);
        "IHDR"u8.CopyTo(bytes.AsSpan(12));
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(16), 1024);
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(20), 1024);
        bytes[24] = 8;  // bit depth
        bytes[25] = 2;  // colour type: RGB
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(29), Crc32(bytes.AsSpan(12, 17)));

        // The rest is one IDAT chunk of pseudo-random filler (its CRC is not checked by anything that reads headers).
        var idatLength = totalLength - 33 - 12;
        BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(33), (uint)idatLength);
        "IDAT"u8.CopyTo(bytes.AsSpan(37));
        new Random(42).NextBytes(bytes.AsSpan(41, idatLength));
        return bytes;
    }

    // PNG's CRC-32 (ISO-HDLC), bit by bit: 17 bytes once per run, so speed does not matter.
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
