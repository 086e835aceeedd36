namespace OpteAdm.Opte.Rendering;

/// <summary>
/// An aligned text table as OPTE's opteadm prints them: a header row of upper-case column names, then one row per
/// entry, every column padded to its widest cell and separated by two spaces (the last column unpadded, so no line
/// ends in spaces). Built whole, then written, because widths depend on every row.
/// </summary>
internal sealed class TextTable
{
    private const string Separator = "  ";
    private readonly string[] _headers;
    private readonly List<string[]> _rows = [];

    /// <summary>Creates a table with these column names.</summary>
    public TextTable(params string[] headers) => _headers = headers;

    /// <summary>Number of rows added.</summary>
    public int Count => _rows.Count;

    /// <summary>Adds a row; it must have one cell per column.</summary>
    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException($"row has {cells.Length} cells, table has {_headers.Length} columns", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>Writes the header and the rows.</summary>
    public void WriteTo(TextWriter output)
    {
        var widths = new int[_headers.Length];
        for (var column = 0; column < widths.Length; column++)
        {
            widths[column] = _headers[column].Length;
            foreach (var row in _rows)
            {
                widths[column] = Math.Max(widths[column], row[column].Length);
            }
        }

        WriteRow(output, _headers, widths);
        foreach (var row in _rows)
        {
            WriteRow(output, row, widths);
        }
    }

    private static void WriteRow(TextWriter output, string[] cells, int[] widths)
    {
        var line = new System.Text.StringBuilder();
        for (var column = 0; column < cells.Length; column++)
        {
            if (column > 0)
            {
                line.Append(Separator);
            }

            line.Append(column == cells.Length - 1 ? cells[column] : cells[column].PadRight(widths[column]));
        }

        output.WriteLine(line.ToString().TrimEnd());
    }
}
