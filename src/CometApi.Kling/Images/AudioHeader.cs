namespace CometApi.Kling.Images;

/// <summary>What the first bytes of a local audio file say: its format and, when the header tells it exactly (WAV), its length.</summary>
/// <param name="Format">mp3, wav, m4a or aac.</param>
/// <param name="Duration">The playing time, for a WAV file (PCM header); null for the compressed formats, whose length the service measures.</param>
internal readonly record struct AudioHeader(string Format, TimeSpan? Duration);
