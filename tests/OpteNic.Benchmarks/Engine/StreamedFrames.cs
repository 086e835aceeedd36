using System.Runtime.CompilerServices;
using OpteNic.Packets;

namespace OpteNic.Benchmarks.Engine;

/// <summary><see cref="FrameDelivery.Streamed"/>.</summary>
public readonly struct StreamedFrames : IFrameLoader
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(FlowWorkload work, PacketBuffer buffer, int index) => work.LoadStreamed(buffer, index);

    public static void PrepareNext(FlowWorkload work, int start, int count)
    {
    }
}
