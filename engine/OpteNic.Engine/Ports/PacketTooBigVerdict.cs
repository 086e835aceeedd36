namespace OpteNic.Engine.Ports;

/// <summary>An <see cref="IPacketTooBigResponder"/>'s decision for an oversized packet.</summary>
public enum PacketTooBigVerdict : byte
{
    /// <summary>Drop it (counted as drop_too_big).</summary>
    Drop = 0,
    /// <summary>The buffer now holds a reply (e.g. ICMP fragmentation needed) to send back the way the packet came.</summary>
    Hairpin = 1,
    /// <summary>Process it as if it fitted (e.g. a network that lets a later hop fragment it).</summary>
    Pass = 2,
}
