using System.Buffers.Binary;

namespace CometApi.Kling.Cli.Tests.Infrastructure;

/// <summary>Checks that bytes are the media a player opens, from their own headers (not from a name or a content type).</summary>
internal static class MediaAssert
{
    /// <summary>An MP3: an ID3v2 tag whose length (syncsafe) leads to an MPEG audio frame sync, or a frame sync at once.</summary>
    public static void Mp3(byte[] bytes)
    {
        Assert.True(bytes.Length > 1_000, $"an MP3 of {bytes.Length} bytes is too short to be real");
        var frame = 0;
        if (bytes.AsSpan(0, 3).SequenceEqual("ID3"u8))
        {
            var tagLength = (bytes[6] << 21) | (bytes[7] << 14) | (bytes[8] << 7) | bytes[9];
            frame = 10 + tagLength;
        }

        Assert.True(frame + 4 <= bytes.Length, "the ID3 tag runs past the end of the file");

        // Frame sync: 11 set bits; then an MPEG version other than "reserved" (01) and a layer other than "reserved" (00).
        Assert.Equal(0xFF, bytes[frame]);
        Assert.Equal(0xE0, bytes[frame + 1] & 0xE0);
        Assert.NotEqual(0x08, bytes[frame + 1] & 0x18);
        Assert.NotEqual(0x00, bytes[frame + 1] & 0x06);
    }

    /// <summary>A WAV: RIFF chunk of the file's length, WAVE form, fmt chunk of PCM, and a data chunk.</summary>
    public static void Wav(byte[] bytes)
    {
        Assert.True(bytes.Length > 1_000, $"a WAV of {bytes.Length} bytes is too short to be real");
        Assert.True(bytes.AsSpan(0, 4).SequenceEqual("RIFF"u8), "no RIFF header");
        Assert.Equal(bytes.Length - 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)));
        Assert.True(bytes.AsSpan(8, 8).SequenceEqual("WAVEfmt "u8), "not a WAVE form with a fmt chunk first");
        Assert.Equal(1, BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(20))); // PCM
        Assert.True(bytes.AsSpan().IndexOf("data"u8) > 0, "no data chunk");
    }

    /// <summary>An MP4: an ftyp box first.</summary>
    public static void Mp4(byte[] bytes)
    {
        Assert.True(bytes.Length > 10_000, $"an MP4 of {bytes.Length} bytes is too short to be real");
        Assert.True(bytes.AsSpan(4, 4).SequenceEqual("ftyp"u8), "no ftyp box");
    }
}
