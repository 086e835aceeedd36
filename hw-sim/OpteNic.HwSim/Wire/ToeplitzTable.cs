namespace OpteNic.HwSim.Wire;

/// <summary>
/// The Toeplitz hash of one key, table-driven: the hash is linear over XOR, so it is the XOR of one precomputed value
/// per input byte (position × byte value), as a NIC's RSS unit effectively does in parallel. Built when the key is
/// installed (control path); hashing a 36-byte IPv6 4-tuple is then 36 lookups instead of 288 data-dependent branches.
/// Gives exactly <see cref="Toeplitz.Hash"/> for inputs up to <see cref="MaxInputLength"/> bytes.
/// </summary>
public sealed class ToeplitzTable
{
    /// <summary>Longest input covered: an IPv6 4-tuple.</summary>
    public const int MaxInputLength = 36;

    private readonly uint[] _table = new uint[MaxInputLength * 256];

    /// <summary>Precomputes the table for <paramref name="key"/> (missing key bytes count as zero, as in <see cref="Toeplitz.Hash"/>).</summary>
    public ToeplitzTable(ReadOnlySpan<byte> key)
    {
        Span<uint> windows = stackalloc uint[8];
        for (var position = 0; position < MaxInputLength; position++)
        {
            // The 32 key bits aligned with each bit of this input byte, most significant bit first.
            for (var bit = 0; bit < 8; bit++)
            {
                windows[bit] = Window(key, (position * 8) + bit);
            }

            Span<uint> row = _table.AsSpan(position * 256, 256);
            row[0] = 0;
            for (var value = 1; value < 256; value++)
            {
                // Peel off the lowest set bit: bit b of the byte (b = 0 least significant) is window 7 - b.
                var lowest = System.Numerics.BitOperations.TrailingZeroCount(value);
                row[value] = row[value & (value - 1)] ^ windows[7 - lowest];
            }
        }
    }

    /// <summary>The Toeplitz hash of <paramref name="input"/> (at most <see cref="MaxInputLength"/> bytes).</summary>
    public uint Hash(ReadOnlySpan<byte> input)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(input.Length, MaxInputLength);
        uint result = 0;
        for (var i = 0; i < input.Length; i++)
        {
            result ^= _table[(i * 256) + input[i]];
        }

        return result;
    }

    /// <summary>Key bits [bitOffset, bitOffset + 32), most significant first; bits past the key are zero.</summary>
    private static uint Window(ReadOnlySpan<byte> key, int bitOffset)
    {
        ulong bits = 0;
        var first = bitOffset / 8;
        for (var i = 0; i < 5; i++)
        {
            var index = first + i;
            bits = (bits << 8) | ((uint)index < (uint)key.Length ? key[index] : 0UL);
        }

        // 40 bits loaded; drop the bits before bitOffset and keep the next 32.
        return (uint)(bits >> (8 - (bitOffset % 8)));
    }
}
