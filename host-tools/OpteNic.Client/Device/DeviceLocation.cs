using OpteNic.Api;
using OpteNic.Client.Mailbox;

namespace OpteNic.Client.Device;

/// <summary>
/// Where a card's BAR0 and host DMA memory are, resolved from what the operator typed (<c>-d PATH</c>):
/// <list type="bullet">
/// <item>a simulator state directory (holds <c>bar0</c> and <c>hostmem</c>);</item>
/// <item>a BAR file (<c>DIR/bar0</c>, or any file laid out as BAR0; a sibling <c>hostmem</c> is used if present);</item>
/// <item>a PCI device directory or BDF (<c>/sys/bus/pci/devices/0000:3b:00.0</c> or <c>0000:3b:00.0</c>), whose
/// <c>resource0</c> is BAR0. Host memory then has to come from a VFIO mapping (see <c>IHostMemory</c>).</item>
/// </list>
/// </summary>
/// <param name="BarPath">The file to map as BAR0.</param>
/// <param name="HostMemoryPath">The file to map as host DMA memory, or null if there is none.</param>
public sealed record DeviceLocation(string BarPath, string? HostMemoryPath)
{
    /// <summary>Name of the BAR file in a simulator state directory.</summary>
    public const string BarFileName = "bar0";

    /// <summary>Name of the host-memory file in a simulator state directory.</summary>
    public const string HostMemoryFileName = "hostmem";

    /// <summary>Name of BAR0 in a sysfs PCI device directory.</summary>
    public const string PciResourceFileName = "resource0";

    private const string PciDevicesDirectory = "/sys/bus/pci/devices";

    /// <summary>Resolves <paramref name="path"/> or throws <see cref="OpteDeviceException"/> (DeviceNotFound).</summary>
    public static DeviceLocation Resolve(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OpteDeviceException(DeviceErrorKind.DeviceNotFound, "no device given: pass -d PATH (a simulator state directory, a BAR file or a PCI device) or set OPTE_DEVICE");
        }

        if (Directory.Exists(path))
        {
            var bar = System.IO.Path.Combine(path, BarFileName);
            if (File.Exists(bar))
            {
                var hostMemory = System.IO.Path.Combine(path, HostMemoryFileName);
                return new DeviceLocation(bar, File.Exists(hostMemory) ? hostMemory : null);
            }

            var resource = System.IO.Path.Combine(path, PciResourceFileName);
            if (File.Exists(resource))
            {
                return new DeviceLocation(resource, null);
            }

            throw new OpteDeviceException(DeviceErrorKind.DeviceNotFound, $"{path} is a directory but holds neither {BarFileName} (a simulator state directory) nor {PciResourceFileName} (a PCI device)");
        }

        if (File.Exists(path))
        {
            var sibling = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path)) ?? ".", HostMemoryFileName);
            var isSimulatorBar = System.IO.Path.GetFileName(path) == BarFileName;
            return new DeviceLocation(path, isSimulatorBar && File.Exists(sibling) ? sibling : null);
        }

        var pciDevice = System.IO.Path.Combine(PciDevicesDirectory, path);
        if (!path.Contains('/', StringComparison.Ordinal) && File.Exists(System.IO.Path.Combine(pciDevice, PciResourceFileName)))
        {
            return new DeviceLocation(System.IO.Path.Combine(pciDevice, PciResourceFileName), null);
        }

        throw new OpteDeviceException(DeviceErrorKind.DeviceNotFound, $"no such device: {path} does not exist (is the simulator running with --state {path}?)", Errno.ENOENT);
    }
}
