using System.Runtime.CompilerServices;

// The data path keeps large struct locals (a ParsedPacket is ≈ 0.3 KB, a flow id 40 bytes); C#'s definite-assignment
// rules already guarantee each is written before it is read, and the engine has no stackalloc, so zeroing them on
// every call is pure cost per packet.
[module: SkipLocalsInit]
