using System.Buffers.Binary;
using OpteNic.Engine;
using OpteNic.Packets;

namespace OpteNic.Card.Tests.Firmware;

/// <summary>
/// A minimal port data path for the hairpin tests: UDP to port 7 (echo) is answered in place — Ethernet and IPv4
/// addresses and UDP ports swapped — and sent back the way it came; everything else passes. A real data path, small
/// enough to read at a glance, so the firmware's hairpin routing can be checked before the engine has its own.
/// </summary>
public sealed class EchoHairpinPort : IPortDataPath
{
    public const ushort EchoPort = 7;

    public ProcessResult Process(Direction direction, PacketBuffer packet, Moment now)
    {
        var frame = packet.Frame;
        if (frame.Length < 42 || BinaryPrimitives.ReadUInt16BigEndian(frame[12..]) != 0x0800 || frame[23] != 17
            || BinaryPrimitives.ReadUInt16BigEndian(frame[36..]) != EchoPort)
        {
            return ProcessResult.Modified;
        }

        Span<byte> mac = stackalloc byte[6];
        frame[..6].CopyTo(mac);
        frame.Slice(6, 6).CopyTo(frame);
        mac.CopyTo(frame[6..]);
        Span<byte> address = stackalloc byte[4];
        frame.Slice(26, 4).CopyTo(address);
        frame.Slice(30, 4).CopyTo(frame[26..]);
        address.CopyTo(frame[30..]);
        var source = BinaryPrimitives.ReadUInt16BigEndian(frame[34..]);
        BinaryPrimitives.WriteUInt16BigEndian(frame[34..], EchoPort);
        BinaryPrimitives.WriteUInt16BigEndian(frame[36..], source);
        return ProcessResult.Hairpin;
    }
}
