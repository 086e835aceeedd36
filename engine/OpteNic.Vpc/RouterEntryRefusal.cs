namespace OpteNic.Vpc;

/// <summary>Why <see cref="VpcPort.TryAddRouterEntry(Api.Net.IpCidr, Api.Vpc.RouterTarget, Api.Vpc.RouterClass, out RouterEntryRefusal, out string?)"/> added nothing.</summary>
public enum RouterEntryRefusal : byte
{
    /// <summary>Added (or already present).</summary>
    None,
    /// <summary>The entry itself is invalid (multicast destination, family mismatch): OPTE's InvalidRouterEntry.</summary>
    Invalid,
    /// <summary>The target's metadata value is new and the port's metadata interner is full: a capacity error.</summary>
    NoMetadataSpace,
    /// <summary>The engine refused the rule change (the port's state).</summary>
    EngineRefused,
}
