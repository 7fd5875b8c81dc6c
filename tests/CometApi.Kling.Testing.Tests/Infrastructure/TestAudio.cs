using System.Buffers.Binary;

namespace CometApi.Kling.Testing.Tests.Infrastructure;

/// <summary>Small but real audio: a silent PCM WAV whose header says exactly how long it plays (1000 bytes a second).</summary>
internal static class TestAudio
{
    public static byte[] Wav(double seconds)
    {
        const int ByteRate = 1000;
        var dataSize = (int)Math.Round(seconds * ByteRate);
        var wav = new byte[44 + dataSize];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), 36 + dataSize);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), ByteRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), ByteRate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 8);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), dataSize);
        wav.AsSpan(44).Fill(0x80);
        return wav;
    }

    public static string WavBase64(double seconds) => Convert.ToBase64String(Wav(seconds));
}
