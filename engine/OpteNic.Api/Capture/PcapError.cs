namespace OpteNic.Api.Capture;

/// <summary>Why a pcap file could not be read further; <see cref="None"/> while it reads fine.</summary>
public enum PcapError
{
    None = 0,
    /// <summary>The file is shorter than the 24-byte global header.</summary>
    TruncatedFileHeader,
    /// <summary>The first four bytes are no classic pcap magic (or the file is pcapng).</summary>
    NotPcap,
    /// <summary>The major version is not 2.</summary>
    UnsupportedVersion,
    /// <summary>The link type is not Ethernet.</summary>
    NotEthernet,
    /// <summary>The file ends inside a record header or inside a record's bytes.</summary>
    TruncatedRecord,
    /// <summary>A record claims more bytes than any capture can hold, or more than it says the frame had.</summary>
    BadRecordLength,
}
