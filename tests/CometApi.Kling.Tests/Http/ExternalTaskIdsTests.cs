using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using CometApi.Kling.Http;

namespace CometApi.Kling.Tests.Http;

/// <summary>The ids the client gives creates that have none: documented shape, never repeated, across threads.</summary>
public class ExternalTaskIdsTests
{
    [Fact]
    public void New_ids_are_kling_and_32_lowercase_hex_digits()
    {
        for (var i = 0; i < 100; i++)
        {
            Assert.Matches(new Regex("^kling-[0-9a-f]{32}$"), ExternalTaskIds.New());
        }
    }

    [Fact]
    public async Task New_ids_never_repeat_across_threads_and_blocks()
    {
        var ids = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            // Many blocks of random bytes per thread.
            for (var i = 0; i < 5_000; i++)
            {
                Assert.True(ids.TryAdd(ExternalTaskIds.New(), 0));
            }
        }));

        await Task.WhenAll(workers);

        Assert.Equal(40_000, ids.Count);
    }

    [Fact]
    public void New_ids_use_every_hex_digit_in_every_position()
    {
        // A stuck or zeroed block would show as a position that never changes.
        var seen = new HashSet<char>[32];
        for (var position = 0; position < 32; position++)
        {
            seen[position] = [];
        }

        for (var i = 0; i < 2_000; i++)
        {
            var hex = ExternalTaskIds.New().Substring("kling-".Length);
            for (var position = 0; position < 32; position++)
            {
                seen[position].Add(hex[position]);
            }
        }

        Assert.All(seen, digits => Assert.Equal(16, digits.Count));
    }
}
