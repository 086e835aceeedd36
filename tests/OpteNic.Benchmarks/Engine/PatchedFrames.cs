using System.Runtime.CompilerServices;
using OpteNic.Packets;

namespace OpteNic.Benchmarks.Engine;

/// <summary><see cref="FrameDelivery.Patched"/>.</summary>
public readonly struct PatchedFrames : IFrameLoader
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Load(FlowWorkload work, PacketBuffer buffer, int index) => work.LoadPatched(buffer, index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void PrepareNext(FlowWorkload work, int start, int count) => work.PrefetchPatches(start, count);
}
