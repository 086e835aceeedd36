namespace OpteNic.Engine;

/// <summary>Why a port dropped a packet (behaviour §1 Port "Result"). Each reason has a counter.</summary>
public enum DropReason : byte
{
    /// <summary>Not a drop.</summary>
    None = 0,
    /// <summary>The network definition's handle-packet action said deny.</summary>
    HandlePacket,
    /// <summary>A layer denied it; see <see cref="ProcessResult.LayerName"/> and <see cref="ProcessResult.DenyReason"/>.</summary>
    Layer,
    /// <summary>TCP tracking refused it: an invalid first segment or a full TCP flow table.</summary>
    TcpError,
    /// <summary>The frame failed to parse; see <see cref="ProcessResult.ParseError"/>.</summary>
    Parse,
    /// <summary>A layer's flow table was full (counted as that layer's lft_full).</summary>
    LayerFlowTableFull,
    /// <summary>
    /// The inner IP packet is longer than the port's size limit for its direction and no responder answered it (see
    /// <c>Port.SetPacketSizeLimit</c>); counted as drop_too_big.
    /// </summary>
    PacketTooBig,
}
