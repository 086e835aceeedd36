namespace OpteNic.Api;

/// <summary>
/// Command codes carried in <see cref="OpteCmdIoctl.Cmd"/>. Grouped by tens as in OPTE; a code is never renumbered
/// or reused. Codes 200 and up are this card's own additions (OPTE's kernel had no need for them).
/// </summary>
public enum OpteCmd : uint
{
    ListPorts = 1,
    AddFwRule = 20,
    RemFwRule = 21,
    SetFwRules = 22,
    DumpTcpFlows = 30,
    DumpLayer = 31,
    DumpUft = 32,
    ListLayers = 33,
    ClearUft = 40,
    ClearLft = 41,
    SetVirt2Phys = 50,
    DumpVirt2Phys = 51,
    SetVirt2Boundary = 52,
    ClearVirt2Boundary = 53,
    DumpVirt2Boundary = 54,
    ClearVirt2Phys = 55,
    AddRouterEntry = 60,
    DelRouterEntry = 61,
    CreateXde = 70,
    DeleteXde = 71,
    SetXdeUnderlay = 72,
    ClearXdeUnderlay = 73,
    SetExternalIps = 80,
    AllowCidr = 90,
    RemoveCidr = 91,
    AttachSubnet = 92,
    DetachSubnet = 93,
    SetMcastForwarding = 100,
    ClearMcastForwarding = 101,
    DumpMcastForwarding = 102,
    McastSubscribe = 103,
    McastUnsubscribe = 104,
    SetMcast2Phys = 105,
    ClearMcast2Phys = 106,
    DumpMcastSubscriptions = 107,
    McastUnsubscribeAll = 108,
    DumpMcast2Phys = 109,

    /// <summary>Card extension: firmware, API and board versions (answers even before any port exists).</summary>
    Info = 200,
    /// <summary>Card extension: every counter of a port and its layers, plus the card's parse-drop counters.</summary>
    Stats = 201,
    /// <summary>
    /// Card extension: pause a port (OPTE's Running → Paused: no processing, no rule changes, dumps still work; the
    /// first step of saving a port's state). A port not Running answers <c>BadState</c>.
    /// </summary>
    PausePort = 202,
    /// <summary>Card extension: start a paused port again (Paused → Running). A port already Running answers <c>BadState</c>.</summary>
    StartPort = 203,
    /// <summary>
    /// Card extension: export a paused port's flows (NAT assignments, firewall state, TCP states) as a versioned,
    /// CRC-checked blob, so the port can move to another card without breaking its connections. A running port answers
    /// <c>BadState</c> (pause it first, so the blob is its final state). Large blobs use the ENOBUFS grow-and-retry rule.
    /// </summary>
    ExportPortState = 204,
    /// <summary>
    /// Card extension: rebuild the flows of an exported blob on a running port of the same guest (MAC and VNI); flows
    /// that cannot be rebuilt are listed with the reason, the others continue.
    /// </summary>
    ImportPortState = 205,
}
