using OpteNic.Api.Abi;

namespace OpteNic.Firmware.DataPath;

/// <summary>
/// One host queue pair as its owning NIC core sees it: the TX and RX ring pairs, their register offsets, and the
/// per-queue statistics published to BAR0 (datasheet §3.7). No other core touches it.
/// </summary>
public sealed class HostQueuePair
{
    private readonly uint[] _stats = new uint[Bar0.Queue.StatsCount];
    private uint _dirtyStats;

    public HostQueuePair(int index)
    {
        Index = index;
        InterruptBit = 1u << (index % 31);
    }

    /// <summary>Queue pair number.</summary>
    public int Index { get; }

    /// <summary>Interrupt cause bit of this queue pair (§3.5).</summary>
    public uint InterruptBit { get; }

    /// <summary>Host → wire rings.</summary>
    public DescriptorRing Tx { get; } = new();

    /// <summary>Wire → host rings.</summary>
    public DescriptorRing Rx { get; } = new();

    /// <summary>True when a statistic changed since the last publish.</summary>
    public bool StatsDirty => _dirtyStats != 0;

    /// <summary>Current value of one statistic.</summary>
    public uint Stat(QueueStatIndex stat) => _stats[(int)stat];

    /// <summary>Adds to a statistic (wrapping u32, §1).</summary>
    public void Count(QueueStatIndex stat, uint amount = 1)
    {
        _stats[(int)stat] += amount;
        _dirtyStats |= 1u << (int)stat;
    }

    /// <summary>Writes changed statistics to BAR0.</summary>
    public void PublishStats(Hal.IRegisterBlock bar)
    {
        var dirty = _dirtyStats;
        while (dirty != 0)
        {
            var stat = System.Numerics.BitOperations.TrailingZeroCount(dirty);
            bar.Write32(Bar0.QueueStat(Index, (QueueStatIndex)stat), _stats[stat]);
            dirty &= dirty - 1;
        }

        _dirtyStats = 0;
    }

    /// <summary>Function-level reset: rings stopped, statistics zeroed.</summary>
    public void Reset()
    {
        Tx.Stop(QueueStatus.Disabled);
        Rx.Stop(QueueStatus.Disabled);
        Array.Clear(_stats);
        _dirtyStats = 0;
    }
}
