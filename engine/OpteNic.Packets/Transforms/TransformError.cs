namespace OpteNic.Packets.Transforms;

/// <summary>Why a header transformation could not be applied. The packet is untouched when an error is returned.</summary>
public enum TransformError : byte
{
    None = 0,
    /// <summary>Not enough headroom in the <see cref="PacketBuffer"/> for the pushed headers.</summary>
    NoHeadroom = 1,
    /// <summary>A Modify or Pop names a header the packet does not have.</summary>
    MissingHeader = 2,
    /// <summary>A Push names a slot that is already occupied.</summary>
    SlotOccupied = 3,
    /// <summary>An IP Modify's address family differs from the packet's.</summary>
    FamilyMismatch = 4,
    /// <summary>Push or Pop of an inner header, which no OPTE layer produces and this engine does not support.</summary>
    Unsupported = 5,
}
