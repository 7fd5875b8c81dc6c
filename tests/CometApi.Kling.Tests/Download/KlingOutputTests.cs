namespace CometApi.Kling.Tests.Download;

/// <summary><see cref="KlingOutput"/>: a file or a folder, said explicitly and checked when made.</summary>
public sealed class KlingOutputTests
{
    [Fact]
    public void A_file_target_holds_the_full_path()
    {
        var output = KlingOutput.File("fox.mp4");

        Assert.False(output.IsFolder);
        Assert.Equal(Path.GetFullPath("fox.mp4"), output.Path);
        Assert.Equal("file " + Path.GetFullPath("fox.mp4"), output.ToString());
    }

    [Theory]
    [InlineData("out")]
    [InlineData("out/")]
    public void A_folder_target_holds_the_full_path_with_or_without_a_trailing_separator(string path)
    {
        var output = KlingOutput.Folder(path);

        Assert.True(output.IsFolder);
        Assert.Equal(Path.GetFullPath("out"), Path.TrimEndingDirectorySeparator(output.Path));
        Assert.StartsWith("folder ", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_target_ending_with_a_separator_is_refused_as_a_folder()
    {
        var error = Assert.Throws<ArgumentException>("path", () => KlingOutput.File("out/"));

        Assert.Contains("KlingOutput.Folder", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_path_is_refused(string path)
    {
        Assert.Throws<ArgumentException>(nameof(path), () => KlingOutput.File(path));
        Assert.Throws<ArgumentException>(nameof(path), () => KlingOutput.Folder(path));
    }

    [Fact]
    public void A_null_path_is_refused()
    {
        Assert.Throws<ArgumentNullException>("path", () => KlingOutput.File(null!));
        Assert.Throws<ArgumentNullException>("path", () => KlingOutput.Folder(null!));
    }
}
