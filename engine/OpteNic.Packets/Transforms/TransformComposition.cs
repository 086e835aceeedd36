namespace OpteNic.Packets.Transforms;

/// <summary>Per-slot composition rules behind <see cref="HeaderTransform.TryCompose(in HeaderTransform, in HeaderTransform, out HeaderTransform)"/>.</summary>
internal static class TransformComposition
{
    /// <summary>
    /// The common table, first action × second action: Ignore∘x = x; x∘Ignore = x; Modify∘Modify = merged Modify;
    /// Push∘Modify = Push with the fields rewritten; Push∘Pop = Ignore; Modify∘Pop = Pop; anything else (Pop then
    /// Push/Modify/Pop, Push then Push, Modify then Push) has no single equivalent.
    /// </summary>
    private static bool TryCombine(HeaderAction first, HeaderAction second, out HeaderAction result, out bool merge)
    {
        merge = false;
        result = HeaderAction.Ignore;
        switch (first, second)
        {
            case (_, HeaderAction.Ignore):
                result = first;
                return true;
            case (HeaderAction.Ignore, _):
                result = second;
                return true;
            case (HeaderAction.Modify, HeaderAction.Modify):
                result = HeaderAction.Modify;
                merge = true;
                return true;
            case (HeaderAction.Push, HeaderAction.Modify):
                result = HeaderAction.Push;
                merge = true;
                return true;
            case (HeaderAction.Push, HeaderAction.Pop):
                result = HeaderAction.Ignore;
                return true;
            case (HeaderAction.Modify, HeaderAction.Pop):
                result = HeaderAction.Pop;
                return true;
            default:
                return false;
        }
    }

    public static bool TryComposeEther(in EtherTransform first, in EtherTransform second, out EtherTransform result)
    {
        result = default;
        if (!TryCombine(first.Action, second.Action, out HeaderAction action, out bool merge))
        {
            return false;
        }

        if (!merge)
        {
            result = action == first.Action && second.Action == HeaderAction.Ignore ? first :
                     action == HeaderAction.Pop ? EtherTransform.Pop :
                     action == HeaderAction.Ignore ? EtherTransform.Ignore : second;
            return true;
        }

        result = first with
        {
            Action = action,
            Set = first.Set | second.Set,
            Src = (second.Set & EtherFields.Src) != 0 ? second.Src : first.Src,
            Dst = (second.Set & EtherFields.Dst) != 0 ? second.Dst : first.Dst,
        };
        return true;
    }

    public static bool TryComposeIp(in IpTransform first, in IpTransform second, out IpTransform result)
    {
        result = default;
        if (!TryCombine(first.Action, second.Action, out HeaderAction action, out bool merge))
        {
            return false;
        }

        if (!merge)
        {
            result = action == first.Action && second.Action == HeaderAction.Ignore ? first :
                     action == HeaderAction.Pop ? IpTransform.Pop :
                     action == HeaderAction.Ignore ? IpTransform.Ignore : second;
            return true;
        }

        IpAddr src = (second.Set & IpFields.Src) != 0 ? second.Src : first.Src;
        IpAddr dst = (second.Set & IpFields.Dst) != 0 ? second.Dst : first.Dst;
        if (action == HeaderAction.Push && (src.IsIpv4 != first.Src.IsIpv4 || dst.IsIpv4 != first.Src.IsIpv4))
        {
            // A modify cannot change the family of a pushed header.
            return false;
        }

        result = first with
        {
            Action = action,
            Set = first.Set | second.Set,
            Src = src,
            Dst = dst,
            Protocol = (second.Set & IpFields.Protocol) != 0 ? second.Protocol : first.Protocol,
        };
        return true;
    }

    public static bool TryComposeEncap(in EncapTransform first, in EncapTransform second, out EncapTransform result)
    {
        result = default;
        if (!TryCombine(first.Action, second.Action, out HeaderAction action, out bool merge))
        {
            return false;
        }

        if (!merge)
        {
            result = action == first.Action && second.Action == HeaderAction.Ignore ? first :
                     action == HeaderAction.Pop ? EncapTransform.Pop :
                     action == HeaderAction.Ignore ? EncapTransform.Ignore : second;
            return true;
        }

        result = first with
        {
            Action = action,
            SetVni = first.SetVni || second.SetVni,
            Vni = second.SetVni ? second.Vni : first.Vni,
        };
        return true;
    }

    public static bool TryComposeUlp(in UlpTransform first, in UlpTransform second, out UlpTransform result)
    {
        if (second.Action == HeaderAction.Ignore)
        {
            result = first;
            return true;
        }

        if (first.Action == HeaderAction.Ignore)
        {
            result = second;
            return true;
        }

        if (first.Action != HeaderAction.Modify || second.Action != HeaderAction.Modify)
        {
            result = default;
            return false;
        }

        UlpFields set = second.Set;
        result = new UlpTransform
        {
            Action = HeaderAction.Modify,
            Set = first.Set | set,
            SrcPort = (set & UlpFields.SrcPort) != 0 ? second.SrcPort : first.SrcPort,
            DstPort = (set & UlpFields.DstPort) != 0 ? second.DstPort : first.DstPort,
            TcpFlags = (set & UlpFields.TcpFlags) != 0 ? second.TcpFlags : first.TcpFlags,
            IcmpEchoId = (set & UlpFields.IcmpEchoId) != 0 ? second.IcmpEchoId : first.IcmpEchoId,
        };
        return true;
    }
}
