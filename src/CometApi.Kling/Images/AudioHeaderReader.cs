using System.Buffers.Binary;

namespace CometApi.Kling.Images;

/// <summary>
/// Recognises the audio formats Kling takes for a <c>sound_file</c> (mp3, wav, m4a, aac) from their first bytes, and
/// reads a WAV file's length from its header. Compressed formats are only recognised: measuring them would mean decoding
/// frames, and the service reports a wrong length itself at no charge.
/// </summary>
internal static class AudioHeaderReader
{
    private const int HeaderBytes = 64;

    /// <summary>Reads the header; false with a problem worded for a validation message (no final period).</summary>
    public static bool TryRead(ImageByteReader reader, out AudioHeader header, out string? problem)
    {
        header = default;
        problem = null;
        var bytes = new byte[HeaderBytes];
        var count = reader.ReadAt(0, bytes, bytes.Length);
        var head = bytes.AsSpan(0, count);

        if (head.Length >= 12 && Ascii(head, 0, "RIFF") && Ascii(head, 8, "WAVE"))
        {
            header = new AudioHeader("wav", WavDuration(reader));
            return true;
        }

        // An ID3v2 tag, or an MPEG audio frame sync (11 set bits) with layer III (mp3).
        if ((head.Length >= 3 && Ascii(head, 0, "ID3")) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) == 0x02))
        {
            header = new AudioHeader("mp3", null);
            return true;
        }

        // ADTS (raw AAC): a 12-bit sync and layer 0.
        if (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xF6) == 0xF0)
        {
            header = new AudioHeader("aac", null);
            return true;
        }

        // An ISO base media file (m4a): the ftyp box at offset 4.
        if (head.Length >= 8 && Ascii(head, 4, "ftyp"))
        {
            header = new AudioHeader("m4a", null);
            return true;
        }

        problem = count == 0
            ? "the audio is empty"
            : "the audio is not MP3, WAV, M4A or AAC (its first bytes match none of them)";
        return false;
    }

    private static bool Ascii(ReadOnlySpan<byte> bytes, int offset, string text)
    {
        if (bytes.Length < offset + text.Length)
        {
            return false;
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (bytes[offset + i] != text[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>data size ÷ byte rate, walking the RIFF chunks (fmt may be followed by LIST, fact…); null when unreadable.</summary>
    private static TimeSpan? WavDuration(ImageByteReader reader)
    {
        long offset = 12;
        uint byteRate = 0;
        var chunk = new byte[16];
        for (var guard = 0; guard < 64; guard++)
        {
            if (reader.ReadAt(offset, chunk, 8) < 8)
            {
                return null;
            }

            var id = System.Text.Encoding.ASCII.GetString(chunk, 0, 4);
            var size = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(4, 4));
            if (id == "fmt ")
            {
                if (reader.ReadAt(offset + 8, chunk, 16) < 16)
                {
                    return null;
                }

                byteRate = BinaryPrimitives.ReadUInt32LittleEndian(chunk.AsSpan(8, 4));
            }
            else if (id == "data")
            {
                return byteRate == 0 ? null : TimeSpan.FromSeconds((double)size / byteRate);
            }

            // Chunks are padded to an even size.
            offset += 8 + size + (size & 1);
        }

        return null;
    }
}
