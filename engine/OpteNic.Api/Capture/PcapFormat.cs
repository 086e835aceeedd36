namespace OpteNic.Api.Capture;

/// <summary>
/// Constants of the classic libpcap file format (not pcapng): a 24-byte global header followed by records of a 16-byte
/// header and the captured bytes. Shared by the simulator's wire ports and the host tools.
/// </summary>
public static class PcapFormat
{
    /// <summary>Magic of a file with microsecond timestamps, as written in the writer's byte order.</summary>
    public const uint MagicMicroseconds = 0xA1B2C3D4;

    /// <summary>Magic of a file with nanosecond timestamps.</summary>
    public const uint MagicNanoseconds = 0xA1B23C4D;

    /// <summary>First word of a pcapng section header block, recognised only to explain that it is not supported.</summary>
    public const uint PcapNgSectionHeader = 0x0A0D0D0A;

    /// <summary>Size of the global file header.</summary>
    public const int FileHeaderSize = 24;

    /// <summary>Size of each record header.</summary>
    public const int RecordHeaderSize = 16;

    /// <summary>File format version written and accepted (2.4).</summary>
    public const ushort VersionMajor = 2;

    /// <summary>Minor version written.</summary>
    public const ushort VersionMinor = 4;

    /// <summary>LINKTYPE_ETHERNET: records hold Ethernet II frames starting at the destination MAC.</summary>
    public const uint LinkTypeEthernet = 1;

    /// <summary>
    /// Largest record accepted when reading (tcpdump's own limit): a bigger captured length means a corrupt file, and
    /// refusing it keeps a reader from allocating what a garbage header claims.
    /// </summary>
    public const int MaxRecordLength = 262_144;

    /// <summary>Snapshot length written in files this library creates.</summary>
    public const int DefaultSnapLength = 65_535;
}
