namespace OpteNic.HwSim.Wire;

/// <summary>
/// The Toeplitz hash of the Microsoft RSS specification: for every set bit of the input (most significant bit of each
/// byte first) the 32 key bits starting at that bit position are XORed into the result.
/// </summary>
public static class Toeplitz
{
    /// <summary>Key length the specification uses (enough for an IPv6 4-tuple: 36 input bytes + 4).</summary>
    public const int KeyLength = 40;

    /// <summary>The key from the Microsoft RSS specification's verification suite; the card's power-on default.</summary>
    public static ReadOnlySpan<byte> DefaultKey => Api.Abi.RssDefaults.Key;

    /// <summary>
    /// Hashes <paramref name="input"/> with <paramref name="key"/>. The key must be at least input length + 4 bytes;
    /// missing key bytes count as zero, so a short key never throws.
    /// </summary>
    public static uint Hash(ReadOnlySpan<byte> key, ReadOnlySpan<byte> input)
    {
        uint result = 0;
        // A 64-bit window whose top 32 bits are the key bits aligned with the current input bit.
        ulong window = 0;
        for (var i = 0; i < 8; i++)
        {
            window = (window << 8) | KeyByte(key, i);
        }

        var nextKeyByte = 8;
        for (var i = 0; i < input.Length; i++)
        {
            var b = input[i];
            for (var bit = 7; bit >= 0; bit--)
            {
                if ((b & (1 << bit)) != 0)
                {
                    result ^= (uint)(window >> 32);
                }

                window <<= 1;
            }

            // The window consumed 8 bits: refill its lowest byte from the key.
            window |= KeyByte(key, nextKeyByte++);
        }

        return result;
    }

    private static ulong KeyByte(ReadOnlySpan<byte> key, int index) => (uint)index < (uint)key.Length ? key[index] : 0UL;
}
