using System.Text;
using Bazaar.Host.Publishing;
using Bazaar.Host.Tests.Support;
using Xunit;

namespace Bazaar.Host.Tests;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TemporaryDataDir _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Replaces_the_file_and_leaves_no_temporary_file()
    {
        var path = Path.Combine(_data.Paths.Run, "file.json");
        File.WriteAllText(path, "old");

        AtomicFile.Write(path, "new"u8);

        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(_data.Paths.Run));
    }

    [Fact]
    public async Task A_reader_sees_the_old_or_the_new_content_never_a_mix()
    {
        var path = Path.Combine(_data.Paths.Run, "file.json");
        var versions = new[] { new string('a', 200_000), new string('b', 100_000) };
        AtomicFile.Write(path, Encoding.ASCII.GetBytes(versions[0]));
        var torn = 0;
        using var writing = new CancellationTokenSource();

        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 300; i++)
            {
                AtomicFile.Write(path, Encoding.ASCII.GetBytes(versions[i % 2]));
            }
        }, TestContext.Current.CancellationToken);
        while (!writer.IsCompleted)
        {
            var content = await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken);
            if (!versions.Contains(content))
            {
                torn++;
            }
        }
        await writer;

        Assert.Equal(0, torn);
    }
}
