using OpteNic.Packets;

namespace OpteNic.Engine;

/// <summary>
/// What the firmware calls per packet. A port transforms the frame in place (push/pop/modify), or replaces it with a
/// hairpin reply that goes back the way it came, or drops it with a counted reason. Never throws on packet content
/// and allocates nothing in steady state.
/// </summary>
public interface IPortDataPath
{
    ProcessResult Process(Direction direction, PacketBuffer packet, Moment now);
}
