using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using OpteNic.Api.Net;
using OpteNic.Api.Wire;

namespace OpteNic.Api;

/// <summary>
/// Why a command failed: written by the firmware to the response buffer (with <see cref="OpteCmdFlags.ResponseWritten"/>)
/// and the <see cref="Errno"/> in the mailbox status. Wire form: postcard enum, discriminant = the variant's position
/// below (never reorder; new variants go at the end), then its fields in order.
/// </summary>
public abstract record OpteError : IPostcardSerializable<OpteError>
{
    private OpteError()
    {
    }

    /// <summary>Number of variants; a discriminant at or above this fails to decode.</summary>
    public const uint VariantCount = 24;

    /// <summary>Position of this variant in the enum (its wire discriminant).</summary>
    public abstract uint Discriminant { get; }

    /// <summary>The errno the mailbox status carries for this error.</summary>
    public abstract int Errno { get; }

    /// <summary>What went wrong, in words, naming the port, rule or field involved.</summary>
    public abstract string Message { get; }

    /// <summary>Writes the variant's fields (the discriminant is written by <see cref="Write"/>).</summary>
    private protected virtual void WritePayload(ref PostcardWriter writer)
    {
    }

    /// <inheritdoc/>
    public void Write(ref PostcardWriter writer)
    {
        writer.WriteVariant(Discriminant);
        WritePayload(ref writer);
    }

    /// <summary>The variant name and message.</summary>
    public override string ToString() => Message;

    /// <summary>The client and firmware versions differ (0, EPROTO).</summary>
    public sealed record BadApiVersion(ulong User, ulong Kernel) : OpteError
    {
        public override uint Discriminant => 0;
        public override int Errno => Api.Errno.EPROTO;
        public override string Message => string.Create(CultureInfo.InvariantCulture,
            $"API version mismatch: client speaks {User}, firmware speaks {Kernel}");
        private protected override void WritePayload(ref PostcardWriter writer)
        {
            writer.WriteU64(User);
            writer.WriteU64(Kernel);
        }
    }

    /// <summary>A layer position names a layer that is not there (1, EINVAL).</summary>
    public sealed record BadLayerPos(string Layer, string Pos) : OpteError
    {
        public override uint Discriminant => 1;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => $"bad position '{Pos}' for layer '{Layer}'";
        private protected override void WritePayload(ref PostcardWriter writer)
        {
            writer.WriteString(Layer);
            writer.WriteString(Pos);
        }
    }

    /// <summary>A port or layer name is empty, too long or not printable (2, EINVAL).</summary>
    public sealed record BadName : OpteError
    {
        public override uint Discriminant => 2;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => "bad name";
    }

    /// <summary>The port is not in a state that allows the command (3, EINVAL).</summary>
    public sealed record BadState(string State) : OpteError
    {
        public override uint Discriminant => 3;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => $"port is in the wrong state: {State}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(State);
    }

    /// <summary>The request bytes could not be read from host memory (4, EFAULT).</summary>
    public sealed record CopyinReq : OpteError
    {
        public override uint Discriminant => 4;
        public override int Errno => Api.Errno.EFAULT;
        public override string Message => "could not copy in the request";
    }

    /// <summary>The response bytes could not be written to host memory (5, EFAULT).</summary>
    public sealed record CopyoutResp : OpteError
    {
        public override uint Discriminant => 5;
        public override int Errno => Api.Errno.EFAULT;
        public override string Message => "could not copy out the response";
    }

    /// <summary>The client could not decode the error the firmware sent (6, ENOMSG).</summary>
    public sealed record DeserCmdErr(string Detail) : OpteError
    {
        public override uint Discriminant => 6;
        public override int Errno => Api.Errno.ENOMSG;
        public override string Message => $"could not decode the command's error: {Detail}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Detail);
    }

    /// <summary>The firmware could not decode the request (7, ENOMSG).</summary>
    public sealed record DeserCmdReq(string Detail) : OpteError
    {
        public override uint Discriminant => 7;
        public override int Errno => Api.Errno.ENOMSG;
        public override string Message => $"could not decode the request: {Detail}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Detail);
    }

    /// <summary>A flow entry with this id already exists (8, EEXIST).</summary>
    public sealed record FlowExists(string Flow) : OpteError
    {
        public override uint Discriminant => 8;
        public override int Errno => Api.Errno.EEXIST;
        public override string Message => $"flow already exists: {Flow}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Flow);
    }

    /// <summary>A router entry is invalid (multicast destination, family mismatch) (9, EINVAL).</summary>
    public sealed record InvalidRouterEntry(string Dest, string Target) : OpteError
    {
        public override uint Discriminant => 9;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => $"invalid router entry: destination {Dest}, target {Target}";
        private protected override void WritePayload(ref PostcardWriter writer)
        {
            writer.WriteString(Dest);
            writer.WriteString(Target);
        }
    }

    /// <summary>An underlay multicast address is outside the allowed range (10, EINVAL).</summary>
    public sealed record InvalidUnderlayMulticast(string Detail) : OpteError
    {
        public override uint Discriminant => 10;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => $"invalid underlay multicast address: {Detail}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Detail);
    }

    /// <summary>No layer of that name on the port (11, ENOENT).</summary>
    public sealed record LayerNotFound(string Layer) : OpteError
    {
        public override uint Discriminant => 11;
        public override int Errno => Api.Errno.ENOENT;
        public override string Message => $"layer not found: {Layer}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Layer);
    }

    /// <summary>Another port already uses this MAC on this VNI (12, EEXIST).</summary>
    public sealed record MacExists(string Port, Vni Vni, MacAddr Mac) : OpteError
    {
        public override uint Discriminant => 12;
        public override int Errno => Api.Errno.EEXIST;
        public override string Message => $"MAC {Mac} already used on VNI {Vni} by port {Port}";
        private protected override void WritePayload(ref PostcardWriter writer)
        {
            writer.WriteString(Port);
            Vni.Write(ref writer);
            Mac.Write(ref writer);
        }
    }

    /// <summary>A table is full at the given capacity (13, ENFILE).</summary>
    public sealed record MaxCapacity(ulong Capacity) : OpteError
    {
        public override uint Discriminant => 13;
        public override int Errno => Api.Errno.ENFILE;
        public override string Message => string.Create(CultureInfo.InvariantCulture,
            $"table is at its maximum capacity of {Capacity}");
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteU64(Capacity);
    }

    /// <summary>The command needs a request body and none was given (14, EINVAL).</summary>
    public sealed record NoRequestBody : OpteError
    {
        public override uint Discriminant => 14;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => "the command needs a request body";
    }

    /// <summary>The port could not be created (15, EINVAL).</summary>
    public sealed record PortCreate(string Detail) : OpteError
    {
        public override uint Discriminant => 15;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => $"could not create port: {Detail}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Detail);
    }

    /// <summary>A port of that name already exists (16, EEXIST).</summary>
    public sealed record PortExists(string Port) : OpteError
    {
        public override uint Discriminant => 16;
        public override int Errno => Api.Errno.EEXIST;
        public override string Message => $"port already exists: {Port}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Port);
    }

    /// <summary>No port of that name (17, ENOENT).</summary>
    public sealed record PortNotFound(string Port) : OpteError
    {
        public override uint Discriminant => 17;
        public override int Errno => Api.Errno.ENOENT;
        public override string Message => $"port not found: {Port}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Port);
    }

    /// <summary>The response needs <see cref="Needed"/> bytes but the host gave <see cref="Given"/> (18, ENOBUFS);
    /// the client grows its buffer and retries.</summary>
    public sealed record RespTooLarge(ulong Needed, ulong Given) : OpteError
    {
        public override uint Discriminant => 18;
        public override int Errno => Api.Errno.ENOBUFS;
        public override string Message => string.Create(CultureInfo.InvariantCulture,
            $"response needs {Needed} bytes, buffer holds {Given}");
        private protected override void WritePayload(ref PostcardWriter writer)
        {
            writer.WriteUsize(Needed);
            writer.WriteUsize(Given);
        }
    }

    /// <summary>No rule with that id (19, ENOENT).</summary>
    public sealed record RuleNotFound(ulong Id) : OpteError
    {
        public override uint Discriminant => 19;
        public override int Errno => Api.Errno.ENOENT;
        public override string Message => string.Create(CultureInfo.InvariantCulture, $"rule not found: {Id}");
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteU64(Id);
    }

    /// <summary>The firmware could not encode its error (20, ENOMSG).</summary>
    public sealed record SerCmdErr(string Detail) : OpteError
    {
        public override uint Discriminant => 20;
        public override int Errno => Api.Errno.ENOMSG;
        public override string Message => $"could not encode the command's error: {Detail}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Detail);
    }

    /// <summary>The firmware could not encode the response (21, ENOMSG).</summary>
    public sealed record SerCmdResp(string Detail) : OpteError
    {
        public override uint Discriminant => 21;
        public override int Errno => Api.Errno.ENOMSG;
        public override string Message => $"could not encode the response: {Detail}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Detail);
    }

    /// <summary>A system-level failure with its own errno (22, that errno). Wire: errno as zigzag i32.</summary>
    public sealed record System(int SystemErrno, string Msg) : OpteError
    {
        public override uint Discriminant => 22;
        public override int Errno => SystemErrno;
        public override string Message => string.Create(CultureInfo.InvariantCulture, $"system error {SystemErrno}: {Msg}");
        private protected override void WritePayload(ref PostcardWriter writer)
        {
            writer.WriteI32(SystemErrno);
            writer.WriteString(Msg);
        }
    }

    /// <summary>The port's IP configuration is inconsistent (23, EINVAL).</summary>
    public sealed record InvalidIpCfg(string Detail) : OpteError
    {
        public override uint Discriminant => 23;
        public override int Errno => Api.Errno.EINVAL;
        public override string Message => $"invalid IP configuration: {Detail}";
        private protected override void WritePayload(ref PostcardWriter writer) => writer.WriteString(Detail);
    }

    /// <inheritdoc/>
    public static bool TryRead(ref PostcardReader reader, [MaybeNullWhen(false)] out OpteError value)
    {
        value = null;
        int start = reader.Position;
        if (!reader.TryReadVariant(out uint variant))
        {
            return false;
        }

        switch (variant)
        {
            case 0:
                if (reader.TryReadU64(out ulong user) && reader.TryReadU64(out ulong kernel))
                {
                    value = new BadApiVersion(user, kernel);
                }

                break;
            case 1:
                if (reader.TryReadString(out string layer) && reader.TryReadString(out string pos))
                {
                    value = new BadLayerPos(layer, pos);
                }

                break;
            case 2:
                value = new BadName();
                break;
            case 3:
                value = ReadString(ref reader, static s => new BadState(s));
                break;
            case 4:
                value = new CopyinReq();
                break;
            case 5:
                value = new CopyoutResp();
                break;
            case 6:
                value = ReadString(ref reader, static s => new DeserCmdErr(s));
                break;
            case 7:
                value = ReadString(ref reader, static s => new DeserCmdReq(s));
                break;
            case 8:
                value = ReadString(ref reader, static s => new FlowExists(s));
                break;
            case 9:
                if (reader.TryReadString(out string dest) && reader.TryReadString(out string target))
                {
                    value = new InvalidRouterEntry(dest, target);
                }

                break;
            case 10:
                value = ReadString(ref reader, static s => new InvalidUnderlayMulticast(s));
                break;
            case 11:
                value = ReadString(ref reader, static s => new LayerNotFound(s));
                break;
            case 12:
                if (reader.TryReadString(out string port) && reader.TryRead(out Vni vni) &&
                    reader.TryRead(out MacAddr mac))
                {
                    value = new MacExists(port, vni, mac);
                }

                break;
            case 13:
                if (reader.TryReadU64(out ulong capacity))
                {
                    value = new MaxCapacity(capacity);
                }

                break;
            case 14:
                value = new NoRequestBody();
                break;
            case 15:
                value = ReadString(ref reader, static s => new PortCreate(s));
                break;
            case 16:
                value = ReadString(ref reader, static s => new PortExists(s));
                break;
            case 17:
                value = ReadString(ref reader, static s => new PortNotFound(s));
                break;
            case 18:
                if (reader.TryReadUsize(out ulong needed) && reader.TryReadUsize(out ulong given))
                {
                    value = new RespTooLarge(needed, given);
                }

                break;
            case 19:
                if (reader.TryReadU64(out ulong id))
                {
                    value = new RuleNotFound(id);
                }

                break;
            case 20:
                value = ReadString(ref reader, static s => new SerCmdErr(s));
                break;
            case 21:
                value = ReadString(ref reader, static s => new SerCmdResp(s));
                break;
            case 22:
                if (reader.TryReadI32(out int errno) && reader.TryReadString(out string msg))
                {
                    value = new System(errno, msg);
                }

                break;
            case 23:
                value = ReadString(ref reader, static s => new InvalidIpCfg(s));
                break;
            default:
                return reader.FailDiscriminant(start, nameof(OpteError));
        }

        return value is not null;
    }

    private static OpteError? ReadString(ref PostcardReader reader, Func<string, OpteError> create) =>
        reader.TryReadString(out string text) ? create(text) : null;
}
