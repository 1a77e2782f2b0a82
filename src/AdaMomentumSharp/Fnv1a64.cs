using System.Buffers.Binary;
using System.IO.Hashing;

namespace AdaMomentumSharp;

/// <summary>
/// 64-bit FNV-1a, the checksum of version 1 state files; kept only to verify those files. It consumes one byte at a
/// time, which is why version 2 uses <see cref="XxHash3"/> instead.
/// </summary>
internal sealed class Fnv1a64() : NonCryptographicHashAlgorithm(sizeof(ulong))
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private ulong hash = OffsetBasis;

    public override void Append(ReadOnlySpan<byte> source)
    {
        ulong h = hash;
        foreach (byte b in source)
        {
            h = (h ^ b) * Prime;
        }
        hash = h;
    }

    public override void Reset() => hash = OffsetBasis;

    /// <summary>Little-endian, as version 1 wrote its trailer.</summary>
    protected override void GetCurrentHashCore(Span<byte> destination) => BinaryPrimitives.WriteUInt64LittleEndian(destination, hash);
}
