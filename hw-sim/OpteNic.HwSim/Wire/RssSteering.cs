using System.Buffers.Binary;

namespace OpteNic.HwSim.Wire;

/// <summary>
/// Receive-side scaling as the card's MAC does it (datasheet §7): extract the outer flow tuple, Toeplitz-hash it, pick
/// the wire queue from the indirection table. The configuration is swapped as one immutable object, so a frame is
/// steered by the old or the new configuration, never a mix. Malformed frames hash to 0; nothing here throws.
/// </summary>
public sealed class RssSteering
{
    private const ushort EtherTypeIPv4 = 0x0800;
    private const ushort EtherTypeIPv6 = 0x86DD;
    private const ushort EtherTypeVlan = 0x8100;
    private const byte ProtocolTcp = 6;
    private const byte ProtocolUdp = 17;

    private Configuration _configuration;

    /// <param name="queueCount">Wire queues to spread over.</param>
    /// <param name="tableEntries">Indirection table size (a power of two).</param>
    public RssSteering(int queueCount, int tableEntries)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(queueCount);
        if (tableEntries <= 0 || (tableEntries & (tableEntries - 1)) != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tableEntries), "the indirection table size must be a power of two");
        }

        QueueCount = queueCount;
        TableEntries = tableEntries;
        var table = new byte[tableEntries];
        for (var i = 0; i < table.Length; i++)
        {
            table[i] = (byte)(i % queueCount);
        }

        _configuration = new Configuration(Toeplitz.DefaultKey.ToArray(), table);
    }

    /// <summary>Wire queues.</summary>
    public int QueueCount { get; }

    /// <summary>Indirection table entries.</summary>
    public int TableEntries { get; }

    /// <summary>Installs a new key and table (entries at or beyond the queue count steer to queue 0).</summary>
    public void Configure(ReadOnlySpan<byte> key, ReadOnlySpan<byte> indirectionTable)
    {
        var table = new byte[TableEntries];
        for (var i = 0; i < table.Length; i++)
        {
            var entry = i < indirectionTable.Length ? indirectionTable[i] : (byte)0;
            table[i] = entry < QueueCount ? entry : (byte)0;
        }

        var keyCopy = new byte[Toeplitz.KeyLength];
        key[..Math.Min(key.Length, keyCopy.Length)].CopyTo(keyCopy);
        Volatile.Write(ref _configuration, new Configuration(keyCopy, table));
    }

    /// <summary>Hashes <paramref name="frame"/> and returns the wire queue it belongs to.</summary>
    public int Steer(ReadOnlySpan<byte> frame, out uint hash)
    {
        var configuration = Volatile.Read(ref _configuration);
        hash = HashFrame(configuration.Hasher, frame);
        return configuration.Table[(int)(hash & (uint)(TableEntries - 1))];
    }

    /// <summary>
    /// The RSS hash of an Ethernet frame: 4-tuple for unfragmented TCP/UDP over IPv4 or IPv6, 2-tuple for other IP,
    /// 0 for anything else or anything malformed.
    /// </summary>
    public static uint HashFrame(ReadOnlySpan<byte> key, ReadOnlySpan<byte> frame)
    {
        Span<byte> tuple = stackalloc byte[36];
        var length = ExtractTuple(frame, tuple);
        return length == 0 ? 0 : Toeplitz.Hash(key, tuple[..length]);
    }

    /// <summary>As <see cref="HashFrame(ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>, with the key's precomputed table.</summary>
    public static uint HashFrame(ToeplitzTable hasher, ReadOnlySpan<byte> frame)
    {
        Span<byte> tuple = stackalloc byte[36];
        var length = ExtractTuple(frame, tuple);
        return length == 0 ? 0 : hasher.Hash(tuple[..length]);
    }

    /// <summary>Writes the hash input (addresses, then ports) into <paramref name="tuple"/>; returns its length or 0.</summary>
    public static int ExtractTuple(ReadOnlySpan<byte> frame, Span<byte> tuple)
    {
        if (frame.Length < 14)
        {
            return 0;
        }

        var etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[12..]);
        var offset = 14;
        if (etherType == EtherTypeVlan)
        {
            if (frame.Length < 18)
            {
                return 0;
            }

            etherType = BinaryPrimitives.ReadUInt16BigEndian(frame[16..]);
            offset = 18;
        }

        var ip = frame[offset..];
        if (etherType == EtherTypeIPv4)
        {
            if (ip.Length < 20 || (ip[0] >> 4) != 4)
            {
                return 0;
            }

            var headerLength = (ip[0] & 0x0F) * 4;
            if (headerLength < 20 || ip.Length < headerLength)
            {
                return 0;
            }

            ip.Slice(12, 8).CopyTo(tuple);
            var fragment = BinaryPrimitives.ReadUInt16BigEndian(ip[6..]) & 0x3FFF; // MF bit + fragment offset
            return AddPorts(ip[9], fragment == 0, ip[headerLength..], tuple, 8);
        }

        if (etherType == EtherTypeIPv6)
        {
            if (ip.Length < 40 || (ip[0] >> 4) != 6)
            {
                return 0;
            }

            ip.Slice(8, 32).CopyTo(tuple);
            return AddPorts(ip[6], true, ip[40..], tuple, 32);
        }

        return 0;
    }

    private static int AddPorts(byte protocol, bool unfragmented, ReadOnlySpan<byte> l4, Span<byte> tuple, int addressBytes)
    {
        if (unfragmented && (protocol == ProtocolTcp || protocol == ProtocolUdp) && l4.Length >= 4)
        {
            l4[..4].CopyTo(tuple[addressBytes..]);
            return addressBytes + 4;
        }

        return addressBytes;
    }

    private sealed class Configuration(byte[] key, byte[] table)
    {
        public byte[] Table { get; } = table;

        /// <summary>The key's Toeplitz table, built once when the key is installed.</summary>
        public ToeplitzTable Hasher { get; } = new(key);
    }
}
