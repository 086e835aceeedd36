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

    /// <summary>
    /// Interns <paramref name="vni"/> (control path) and returns its value id. For setup-time VNIs only (the port's
    /// own); command-driven VNIs (firewall <c>vni=</c> filters) use <see cref="TryIntern"/> so a full interner is an
    /// error the command reports, not an exception.
    /// </summary>
    /// <exception cref="InvalidOperationException">The interner is full.</exception>
    public ushort Intern(Vni vni) =>
        TryIntern(vni, out ushort id) == MetadataInternResult.Ok
            ? id
            : throw new InvalidOperationException(FullMessage(vni));

    /// <summary>
    /// Interns <paramref name="vni"/> (control path): <see cref="MetadataInternResult.Full"/> when it is new and the
    /// port's metadata interner has no id left (nothing is recorded then; <see cref="FullMessage"/> words the error).
    /// </summary>
    public MetadataInternResult TryIntern(Vni vni, out ushort id)
    {
        lock (_writer)
        {
            if (_ids.TryGetValue(vni.Value, out id))
            {
                return MetadataInternResult.Ok;
            }

            MetadataInternResult result = _interner.TryIntern(vni.ToString(), out id);
            if (result != MetadataInternResult.Ok)
            {
                id = Other;
                return result;
            }

            Volatile.Write(ref _ids, new Dictionary<uint, ushort>(_ids) { [vni.Value] = id });
            return MetadataInternResult.Ok;
        }
    }

    /// <summary>The "no space" error for a VNI that did not fit the metadata interner (for the command that asked).</summary>
    public static string FullMessage(Vni vni) => $"no space: the port's metadata interner is full, cannot add VNI {vni}";

    /// <summary>The value id of <paramref name="vni"/>, or <see cref="Other"/>. Lock-free, allocation-free.</summary>
    public ushort IdOf(uint vni) => Volatile.Read(ref _ids).TryGetValue(vni, out ushort id) ? id : Other;
}
