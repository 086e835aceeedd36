using OpteNic.Api.Commands;
using OpteNic.Api.Vpc;

namespace OpteNic.Api.Wire;

/// <summary>
/// Encodings of the payload-free C# enums of the API (a C# enum cannot implement an interface): each is a varint
/// discriminant equal to its numeric value, and decoding rejects values past the last variant.
/// </summary>
public static class PostcardEnums
{
    /// <summary>Writes a <see cref="Direction"/>.</summary>
    public static void WriteDirection(this ref PostcardWriter writer, Direction value) => writer.WriteVariant((uint)value);

    /// <summary>Reads a <see cref="Direction"/>.</summary>
    public static bool TryReadDirection(this ref PostcardReader reader, out Direction value)
    {
        bool ok = reader.TryReadVariant(2, nameof(Direction), out uint raw);
        value = (Direction)raw;
        return ok;
    }

    /// <summary>Writes a <see cref="FirewallAction"/>.</summary>
    public static void WriteFirewallAction(this ref PostcardWriter writer, FirewallAction value) =>
        writer.WriteVariant((uint)value);

    /// <summary>Reads a <see cref="FirewallAction"/>.</summary>
    public static bool TryReadFirewallAction(this ref PostcardReader reader, out FirewallAction value)
    {
        bool ok = reader.TryReadVariant(2, nameof(FirewallAction), out uint raw);
        value = (FirewallAction)raw;
        return ok;
    }

    /// <summary>Writes a <see cref="RouterClass"/>.</summary>
    public static void WriteRouterClass(this ref PostcardWriter writer, RouterClass value) =>
        writer.WriteVariant((uint)value);

    /// <summary>Reads a <see cref="RouterClass"/>.</summary>
    public static bool TryReadRouterClass(this ref PostcardReader reader, out RouterClass value)
    {
        bool ok = reader.TryReadVariant(2, nameof(RouterClass), out uint raw);
        value = (RouterClass)raw;
        return ok;
    }
    /// <summary>Writes a <see cref="RemovalOutcome"/>.</summary>
    public static void WriteRemovalOutcome(this ref PostcardWriter writer, RemovalOutcome value) => writer.WriteVariant((uint)value);

    /// <summary>Reads a <see cref="RemovalOutcome"/>.</summary>
    public static bool TryReadRemovalOutcome(this ref PostcardReader reader, out RemovalOutcome value)
    {
        bool ok = reader.TryReadVariant(2, nameof(RemovalOutcome), out uint raw);
        value = (RemovalOutcome)raw;
        return ok;
    }

    /// <summary>Writes a <see cref="Replication"/>.</summary>
    public static void WriteReplication(this ref PostcardWriter writer, Replication value) => writer.WriteVariant((uint)value);

    /// <summary>Reads a <see cref="Replication"/>.</summary>
    public static bool TryReadReplication(this ref PostcardReader reader, out Replication value)
    {
        bool ok = reader.TryReadVariant(3, nameof(Replication), out uint raw);
        value = (Replication)raw;
        return ok;
    }

    /// <summary>Writes a <see cref="TcpState"/>.</summary>
    public static void WriteTcpState(this ref PostcardWriter writer, TcpState value) => writer.WriteVariant((uint)value);

    /// <summary>Reads a <see cref="TcpState"/>.</summary>
    public static bool TryReadTcpState(this ref PostcardReader reader, out TcpState value)
    {
        bool ok = reader.TryReadVariant(10, nameof(TcpState), out uint raw);
        value = (TcpState)raw;
        return ok;
    }
}
