using System.Security.Cryptography;

namespace CometApi.Kling.Http;

/// <summary>
/// Makes the ids the client gives creates that have none: <c>kling-</c> and 32 lowercase hex digits of cryptographic
/// randomness (the shape of a GUID's "N" form). Random bytes are fetched a block at a time per thread: on Linux every
/// <see cref="Guid.NewGuid"/> is a system call, and that was a tenth of a create's CPU time. A block serves 256 ids (4 KiB
/// per thread that creates): each fetch of random bytes has a fixed cost near a microsecond, so 32 ids a block still
/// cost a create about 0.1 µs.
/// </summary>
internal static class ExternalTaskIds
{
    private const string Prefix = "kling-";
    private const int BytesPerId = 16;
    private const int IdsPerBlock = 256;

    [ThreadStatic]
    private static byte[]? t_block;

    [ThreadStatic]
    private static int t_next;

    /// <summary>A new id, unique with overwhelming probability (128 random bits).</summary>
    public static string New()
    {
        var block = t_block ??= new byte[BytesPerId * IdsPerBlock];
        if (t_next == 0)
        {
            Fill(block);
        }

        var offset = t_next * BytesPerId;
        t_next = (t_next + 1) % IdsPerBlock;
#if NET
        var id = string.Create(Prefix.Length + (BytesPerId * 2), (block, offset), static (chars, state) =>
        {
            Prefix.AsSpan().CopyTo(chars);
            Convert.TryToHexStringLower(state.block.AsSpan(state.offset, BytesPerId), chars.Slice(Prefix.Length), out _);
        });
#else
        var chars = new char[Prefix.Length + (BytesPerId * 2)];
        Prefix.CopyTo(0, chars, 0, Prefix.Length);
        WriteHex(block.AsSpan(offset, BytesPerId), chars.AsSpan(Prefix.Length));
        var id = new string(chars);
#endif

        // The bytes of an id handed out are not kept around.
        Array.Clear(block, offset, BytesPerId);
        return id;
    }

#if !NET
    private static void WriteHex(ReadOnlySpan<byte> bytes, Span<char> chars)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[2 * i] = Hex(bytes[i] >> 4);
            chars[(2 * i) + 1] = Hex(bytes[i] & 0xF);
        }
    }

    private static char Hex(int nibble) => (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
#endif

    private static void Fill(byte[] block)
    {
#if NET
        RandomNumberGenerator.Fill(block);
#else
        using var random = RandomNumberGenerator.Create();
        random.GetBytes(block);
#endif
    }
}
