using OpteNic.Packets;

namespace OpteNic.Benchmarks.Engine;

/// <summary>
/// A <see cref="FrameDelivery"/> as a type: the measured loops take it as a struct type argument, so each delivery gets
/// its own compiled loop with its own profile (one loop shared by both was optimised for whichever ran first).
/// </summary>
public interface IFrameLoader
{
    /// <summary>Puts flow <paramref name="index"/>'s frame into <paramref name="buffer"/>.</summary>
    static abstract void Load(FlowWorkload work, PacketBuffer buffer, int index);

    /// <summary>Prepares delivering the <paramref name="count"/> flows from <paramref name="start"/> (the next burst).</summary>
    static abstract void PrepareNext(FlowWorkload work, int start, int count);
}
