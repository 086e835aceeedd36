namespace OpteNic.Vpc.State;

/// <summary>Why a port state blob was refused as a whole (nothing was changed).</summary>
public enum PortStateErrorKind : byte
{
    /// <summary>Shorter than its header, its records or its checksum say.</summary>
    Truncated,
    /// <summary>Longer than its header and records say.</summary>
    TrailingBytes,
    /// <summary>Does not start with the format's magic.</summary>
    BadMagic,
    /// <summary>A format version this build cannot read.</summary>
    UnsupportedVersion,
    /// <summary>The record size does not match the version's.</summary>
    BadRecordSize,
    /// <summary>The CRC-32 over the blob does not match (corruption in transit or storage).</summary>
    ChecksumMismatch,
    /// <summary>A record holds a value outside its field's range; the message names the record and field.</summary>
    BadRecord,
    /// <summary>The blob was exported from a port of another guest (MAC or VNI differ).</summary>
    OtherPort,
    /// <summary>The destination port is not running, so flows cannot be rebuilt.</summary>
    PortNotRunning,
}
