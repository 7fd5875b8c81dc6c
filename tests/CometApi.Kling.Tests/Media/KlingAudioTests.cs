using System.Buffers.Binary;
using CometApi.Kling.Images;

namespace CometApi.Kling.Tests.Media;

/// <summary>
/// <see cref="KlingAudio"/> is made like <see cref="KlingImage"/> (URL, base64, bytes, file, stream), never prints its
/// data, and its first bytes tell its format (and a WAV's length) before anything is sent.
/// </summary>
public sealed class KlingAudioTests
{
    [Fact]
    public void FromUrl_keeps_an_https_address() =>
        Assert.Equal(new Uri("https://example.com/voice.mp3"), KlingAudio.FromUrl(new Uri("https://example.com/voice.mp3")).Url);

    [Fact]
    public void FromUrl_rejects_a_file_url()
    {
        var error = Assert.Throws<ArgumentException>(() => KlingAudio.FromUrl(new Uri("file:///voice.mp3")));

        Assert.Contains("audio URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBase64_strips_a_data_audio_prefix()
    {
        var audio = KlingAudio.FromBase64("data:audio/mpeg;base64,SUQz");

        Assert.Equal("SUQz", audio.Base64);
    }

    [Fact]
    public void FromBase64_names_audio_in_its_error()
    {
        var error = Assert.Throws<ArgumentException>(() => KlingAudio.FromBase64("abc"));

        Assert.StartsWith("The audio text is not valid base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromBytes_rejects_no_bytes() =>
        Assert.Throws<ArgumentException>(() => KlingAudio.FromBytes(ReadOnlyMemory<byte>.Empty));

    [Fact]
    public void ToString_never_prints_the_data()
    {
        var text = KlingAudio.FromBase64(Convert.ToBase64String(Wav(TimeSpan.FromSeconds(1)))).ToString();

        Assert.StartsWith("KlingAudio(base64, ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("UklGR", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { (byte)'I', (byte)'D', (byte)'3', 4, 0, 0 }, "mp3")]
    [InlineData(new byte[] { 0xFF, 0xFB, 0x90, 0x64 }, "mp3")]
    [InlineData(new byte[] { 0xFF, 0xF1, 0x50, 0x80 }, "aac")]
    [InlineData(new byte[] { 0, 0, 0, 0x20, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'M', (byte)'4', (byte)'A', (byte)' ' }, "m4a")]
    public void Header_recognises_the_compressed_formats(byte[] head, string format)
    {
        Assert.True(AudioHeaderReader.TryRead(new ImageByteReader.FromMemory(head), out var header, out var problem), problem);

        Assert.Equal(format, header.Format);
        Assert.Null(header.Duration);
    }

    [Fact]
    public void Header_reads_a_wav_files_length_past_other_chunks()
    {
        var wav = Wav(TimeSpan.FromSeconds(3), listChunk: true);

        Assert.True(AudioHeaderReader.TryRead(new ImageByteReader.FromMemory(wav), out var header, out _));

        Assert.Equal("wav", header.Format);
        Assert.Equal(TimeSpan.FromSeconds(3), header.Duration);
    }

    [Fact]
    public void Header_refuses_an_image()
    {
        var png = new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A };

        Assert.False(AudioHeaderReader.TryRead(new ImageByteReader.FromMemory(png), out _, out var problem));

        Assert.Equal("the audio is not MP3, WAV, M4A or AAC (its first bytes match none of them)", problem);
    }

    /// <summary>A PCM WAV of 8 kHz, 16-bit mono silence: 16,000 bytes a second.</summary>
    internal static byte[] Wav(TimeSpan length, bool listChunk = false)
    {
        const int ByteRate = 16_000;
        var dataBytes = (int)(length.TotalSeconds * ByteRate);
        var list = listChunk ? 8 + 6 : 0;
        var file = new byte[44 + list + dataBytes];
        var span = file.AsSpan();
        "RIFF"u8.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[4..], (uint)(file.Length - 8));
        "WAVE"u8.CopyTo(span[8..]);
        "fmt "u8.CopyTo(span[12..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(span[20..], 1);
        BinaryPrimitives.WriteUInt16LittleEndian(span[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], 8000);
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], ByteRate);
        BinaryPrimitives.WriteUInt16LittleEndian(span[32..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(span[34..], 16);
        var offset = 36;
        if (listChunk)
        {
            "LIST"u8.CopyTo(span[offset..]);
            BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], 6);
            offset += list;
        }

        "data"u8.CopyTo(span[offset..]);
        BinaryPrimitives.WriteUInt32LittleEndian(span[(offset + 4)..], (uint)dataBytes);
        return file;
    }
}
