using System.Text;

namespace CometApi.Kling.Cli.Tests.Infrastructure;

/// <summary>
/// Captures a command's output while the test reads it from another thread (to know when to press "Ctrl+C"):
/// every write and read takes the same lock, which <see cref="TextWriter.Synchronized"/> would not give the reader.
/// </summary>
internal sealed class ConcurrentStringWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _lock = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_lock)
        {
            _text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_lock)
        {
            _text.Append(buffer, index, count);
        }
    }

    public override string ToString()
    {
        lock (_lock)
        {
            return _text.ToString();
        }
    }
}
