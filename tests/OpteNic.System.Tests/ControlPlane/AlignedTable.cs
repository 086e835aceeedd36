namespace OpteNic.System.Tests.ControlPlane;

/// <summary>
/// Reads one of opteadm's aligned tables back from its printed text: the header row gives each column's start, and
/// every following line up to a blank one is a row, cut at those starts. It also checks the alignment itself: every
/// cell starts exactly under its header, after at least two spaces.
/// </summary>
public static class AlignedTable
{
    /// <summary>
    /// The rows of the first table with exactly <paramref name="columns"/> as its header that follows the line
    /// <paramref name="after"/> (from the top when null), each as column name → cell text.
    /// </summary>
    public static List<Dictionary<string, string>> Read(string text, string[] columns, string? after = null)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        var index = 0;
        if (after is not null)
        {
            while (index < lines.Length && lines[index].TrimEnd() != after)
            {
                index++;
            }

            Assert.True(index < lines.Length, $"no line '{after}' in\n{text}");
        }

        while (index < lines.Length && !IsHeader(lines[index], columns))
        {
            index++;
        }

        Assert.True(index < lines.Length, $"no table with header {string.Join(' ', columns)}{(after is null ? "" : $" after '{after}'")} in\n{text}");
        var header = lines[index];
        var starts = new int[columns.Length];
        for (int column = 0, from = 0; column < columns.Length; column++)
        {
            starts[column] = header.IndexOf(columns[column], from, StringComparison.Ordinal);
            from = starts[column] + columns[column].Length;
        }

        var rows = new List<Dictionary<string, string>>();
        for (index++; index < lines.Length && lines[index].Length > 0; index++)
        {
            var line = lines[index];
            var row = new Dictionary<string, string>();
            for (var column = 0; column < columns.Length; column++)
            {
                var start = starts[column];
                var end = column + 1 < columns.Length ? starts[column + 1] : int.MaxValue;
                var cell = start < line.Length ? line[start..Math.Min(end, line.Length)] : "";
                Assert.False(cell.Length > 0 && cell[0] == ' ' && cell.Trim().Length > 0,
                    $"cell '{cell}' of column {columns[column]} does not start under its header:\n{header}\n{line}");
                if (column > 0 && start < line.Length && cell.Trim().Length > 0)
                {
                    Assert.True(line[start - 2] == ' ' && line[start - 1] == ' ', $"column {columns[column]} is not separated by two spaces:\n{header}\n{line}");
                }

                row[columns[column]] = cell.Trim();
            }

            rows.Add(row);
        }

        return rows;
    }

    private static bool IsHeader(string line, string[] columns) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries).SequenceEqual(columns);
}
