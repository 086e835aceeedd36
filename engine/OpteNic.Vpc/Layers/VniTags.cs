using OpteNic.Api.Net;
using OpteNic.Engine.Metadata;

namespace OpteNic.Vpc.Layers;

/// <summary>
/// Interned metadata values for VNIs. Firewall rules with a <c>vni=</c> host filter intern their VNI when added; the
/// overlay tags each decapsulated packet with its VNI's id, looked up here without allocating. A VNI no rule names
/// gets a shared "other" id — no rule can match it anyway, and the data path never interns a string.
/// </summary>
public sealed class VniTags
{
    private readonly MetadataInterner _interner;
    private readonly Lock _writer = new();
    private Dictionary<uint, ushort> _ids = [];

    public VniTags(MetadataInterner interner)
    {
        _interner = interner ?? throw new ArgumentNullException(nameof(interner));
        Key = interner.Intern(VpcGateway.VniKey);
        Other = interner.Intern("vni-other");
    }

    /// <summary>The metadata key id of <c>vni</c>.</summary>
    public ushort Key { get; }

    /// <summary>The value id of a VNI no rule refers to.</summary>
    public ushort Other { get; }

    /// <summary>Interns <paramref name="vni"/> (control path) and returns its value id.</summary>
    public ushort Intern(Vni vni)
    {
        lock (_writer)
        {
            if (_ids.TryGetValue(vni.Value, out ushort id))
            {
                return id;
            }

            id = _interner.Intern(vni.ToString());
            Volatile.Write(ref _ids, new Dictionary<uint, ushort>(_ids) { [vni.Value] = id });
            return id;
        }
    }

    /// <summary>The value id of <paramref name="vni"/>, or <see cref="Other"/>. Lock-free, allocation-free.</summary>
    public ushort IdOf(uint vni) => Volatile.Read(ref _ids).TryGetValue(vni, out ushort id) ? id : Other;
}
