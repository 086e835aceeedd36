using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpteNic.Client.Native;

/// <summary>
/// An exclusive advisory lock on a byte range of a file, held through a Linux open-file-description lock
/// (<c>fcntl(F_OFD_SETLK)</c>). Used to serialise the mailbox slot and to own a queue pair across processes.
/// </summary>
/// <remarks>
/// Why not <c>flock(2)</c> on the whole file: .NET's <see cref="FileStream"/> itself takes <c>flock(LOCK_SH)</c> on every
/// file it opens, so the simulator's own open handle would make an exclusive <c>flock</c> wait forever. OFD byte-range
/// locks are independent of <c>flock</c>, belong to one open file description (so two handles in the same process
/// exclude each other, unlike classic POSIX record locks), and let the mailbox and each queue pair be locked separately.
/// They are released by the kernel when the descriptor closes, so a crashed tool never leaves the card locked.
/// </remarks>
public sealed partial class RegionLock : IDisposable
{
    private const int FOfdSetLk = 37;
    private const short FWrLck = 1;
    private const short FUnLck = 2;
    private const short SeekSet = 0;
    private const int Eagain = 11;
    private const int Eacces = 13;

    private readonly SafeFileHandle _file;
    private readonly long _start;
    private readonly long _length;
    private bool _held;

    private RegionLock(SafeFileHandle file, long start, long length)
    {
        _file = file;
        _start = start;
        _length = length;
        _held = true;
    }

    /// <summary>
    /// Takes the lock, retrying until <paramref name="timeout"/> passes. Returns null if another holder kept it that long.
    /// </summary>
    public static RegionLock? TryAcquire(SafeFileHandle file, long start, long length, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var spins = 0;
        while (true)
        {
            if (TrySet(file, start, length, FWrLck, out var errno))
            {
                return new RegionLock(file, start, length);
            }

            if (errno != Eagain && errno != Eacces)
            {
                throw new IOException($"fcntl(F_OFD_SETLK) failed with errno {errno}.");
            }

            if (clock.Elapsed >= timeout)
            {
                return null;
            }

            // Commands take micro- to milliseconds: spin a little, then sleep briefly.
            if (spins++ < 20)
            {
                Thread.Yield();
            }
            else
            {
                Thread.Sleep(1);
            }
        }
    }

    /// <summary>Releases the lock.</summary>
    public void Dispose()
    {
        if (_held && !_file.IsClosed)
        {
            TrySet(_file, _start, _length, FUnLck, out _);
        }

        _held = false;
    }

    private static unsafe bool TrySet(SafeFileHandle file, long start, long length, short type, out int errno)
    {
        var description = new FLock { Type = type, Whence = SeekSet, Start = start, Length = length, Pid = 0 };
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            // SAFETY: the descriptor is kept alive by the AddRef above; the struct lives on this stack frame for the call.
            var result = Fcntl((int)file.DangerousGetHandle(), FOfdSetLk, &description);
            errno = result == 0 ? 0 : Marshal.GetLastPInvokeError();
            return result == 0;
        }
        finally
        {
            if (added)
            {
                file.DangerousRelease();
            }
        }
    }

    /// <summary>Linux <c>struct flock</c> (identical on x86-64 and arm64).</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct FLock
    {
        public short Type;
        public short Whence;
        public long Start;
        public long Length;
        public int Pid;
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static unsafe partial int Fcntl(int fd, int command, FLock* argument);
}
