using OpteNic.Engine.Flows;
using OpteNic.Packets.Parsing;

namespace OpteNic.Engine.Ports;

/// <summary>Sizes and modes fixed when a port is created.</summary>
public sealed record PortOptions
{
    /// <summary>Entries per UFT direction.</summary>
    public int UftLimit { get; init; } = 8192;

    /// <summary>TCP connections tracked.</summary>
    public int TcpLimit { get; init; } = 8192;

    /// <summary>
    /// UFT entries (per direction) that may keep a per-layer transformation list instead of one folded transformation
    /// (needed only when transformations do not fold or a body transformation runs). Default: a quarter of the UFT.
    /// </summary>
    public int? UftListPoolSize { get; init; }

    /// <summary>How inbound frames are parsed: encapsulated (OPTE's only mode) or plain, for ports on an L2 network.</summary>
    public ParseMode InboundParseMode { get; init; } = ParseMode.Inbound;

    /// <summary>Largest frame a hairpin or handle-packet action may be shown (size of the preallocated request copy).</summary>
    public int MaxFrameLength { get; init; } = 16 * 1024;

    /// <summary>Idle time after which a UFT entry expires.</summary>
    public long UftTtlNanoseconds { get; init; } = 60_000_000_000;

    /// <summary>
    /// Version stripes of shared state the port's actions consult on the slow path (e.g. a card-wide V2P table; one
    /// table may serve every port). Actions record stamps with <see cref="Metadata.PacketMetadata.RecordDependency"/>
    /// against this same table; a bumped stripe sends exactly the flows stamped with it back to the slow path. Null:
    /// flows that record a dependency anyway are not cached (counted as <c>uft_dependency_uncached</c>).
    /// </summary>
    public FlowDependencyVersions? DependencyVersions { get; init; }
}
