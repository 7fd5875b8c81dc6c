using System.Buffers.Binary;

namespace CometApi.Kling.Tests.Infrastructure;

/// <summary>Small but real audio files, built byte by byte: a PCM WAV of an exact length, and MP3/M4A/AAC openings.</summary>
internal static class TestAudio
{
    /// <summary>
    /// A silent mono PCM WAV lasting <paramref name="seconds"/>; 1000 samples/s at 8 bits keeps a 300 s file at 300 KB,
    /// and the header's byte rate says exactly how long it plays.
    /// </summary>
    public static byte[] Wav(double seconds, int sampleRate = 1000, int bitsPerSample = 8)
    {
        var byteRate = sampleRate * bitsPerSample / 8;
        var dataSize = (int)Math.Round(seconds * byteRate);
        var wav = new byte[44 + dataSize];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + dataSize);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1); // mono
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), byteRate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), (short)(bitsPerSample / 8));
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), (short)bitsPerSample);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), dataSize);
        if (bitsPerSample == 8)
        {
            wav.AsSpan(44).Fill(0x80); // silence for unsigned 8-bit samples
        }

        return wav;
    }

    /// <summary>An MP3 opening: an ID3v2 tag, then an MPEG-1 layer III frame header, padded to <paramref name="totalLength"/>.</summary>
    public static byte[] Mp3(int totalLength = 1024)
    {
        var mp3 = new byte[Math.Max(totalLength, 14)];
        "ID3"u8.CopyTo(mp3);
        mp3[3] = 3;
        mp3[10] = 0xFF;
        mp3[11] = 0xFB;
        mp3[12] = 0x90;
        return mp3;
    }
}
