using System.Runtime.CompilerServices;
using OpteNic.Engine;
using OpteNic.Engine.Metadata;
using OpteNic.Engine.Rules;
using OpteNic.Packets;
using OpteNic.Packets.Parsing;

namespace OpteNic.Benchmarks.Engine;

/// <summary>Component costs of the fast path, for finding where the time goes (<c>opte-bench --profile</c>).</summary>
public static class ProfileLoops
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ParseAndLookup(FlowWorkload work, int count)
    {
        int found = 0;
        PacketBuffer buffer = work.Buffer;
        var uft = work.Network.Port.UftOut;
        int flows = work.FlowCount;
        int index = 0;
        for (int i = 0; i < count; i++)
        {
            work.LoadStreamed(buffer, index);
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket parsed, out _))
            {
                InnerFlowId flow = parsed.FlowId;
                if (uft.TryFind(in flow, flow.Hash(), out int slot))
                {
                    found += slot;
                }
            }

            index = index + 1 == flows ? 0 : index + 1;
        }

        return found;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static int ParseLookupApply(FlowWorkload work, int count)
    {
        int found = 0;
        PacketBuffer buffer = work.Buffer;
        var uft = work.Network.Port.UftOut;
        int flows = work.FlowCount;
        int index = 0;
        for (int i = 0; i < count; i++)
        {
            work.LoadStreamed(buffer, index);
            if (PacketParser.TryParse(buffer.Frame, ParseMode.Outbound, out ParsedPacket parsed, out _))
            {
                InnerFlowId flow = parsed.FlowId;
                uint hash = flow.Hash();
                if (uft.TryFind(in flow, hash, out int slot))
                {
                    uft.ApplyCompiled(slot, ref uft.EntryAt(slot), buffer, ref parsed, global::OpteNic.Packets.Checksums.ChecksumOffload.None);
                    found++;
                }
            }

            index = index + 1 == flows ? 0 : index + 1;
        }

        return found;
    }
}
