namespace OpteNic.Packets.Transforms;

/// <summary>Which Ethernet fields a Modify sets.</summary>
[Flags]
public enum EtherFields : byte
{
    None = 0,
    Src = 1,
    Dst = 2,
}
