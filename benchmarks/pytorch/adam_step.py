"""PyTorch anchor for docs/PERFORMANCE.md: one Adam step over 2^24 float32 elements in 62 tensors (the list the .NET
benchmarks step), with and without foreach, and a STREAM triad at the same size measured interleaved in the same run.

Debian's python3-torch (PyTorch 1.13, CPU): `apt-get install python3-torch`, then
`/usr/bin/python3 benchmarks/pytorch/adam_step.py` (Debian's interpreter, the one the package installs into).
A benchmark script, not a test dependency.
"""
import os
import statistics
import time

import torch

TOTAL, COUNT = 1 << 24, 62


def parameter_list():
    each = TOTAL // COUNT
    sizes = [each] * (COUNT - 1) + [TOTAL - each * (COUNT - 1)]
    generator = torch.Generator().manual_seed(0)
    params = [torch.nn.Parameter(torch.randn(n, generator=generator)) for n in sizes]
    for p in params:
        p.grad = torch.randn(p.shape, generator=generator) * 1e-3
    return params


def median_ms(step, repeats):
    for _ in range(3):
        step()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), min(times), max(times)


def main():
    torch.set_num_threads(os.cpu_count())
    a, b, c = (torch.empty(TOTAL) for _ in range(3))
    b.fill_(1.0)
    c.fill_(2.0)

    def triad():
        torch.add(b, c, alpha=3.0, out=a)

    rows = []
    for foreach in (True, False):
        params = parameter_list()
        optimizer = torch.optim.Adam(params, lr=1e-3, foreach=foreach)
        adam = median_ms(optimizer.step, 20)
        tri = median_ms(triad, 20)
        rows.append((foreach, adam, tri))

    print(f"PyTorch {torch.__version__}, {torch.get_num_threads()} threads, {TOTAL} float32 elements in {COUNT} tensors")
    for foreach, adam, tri in rows:
        triad_gbs = 12 * TOTAL / (tri[0] * 1e-3) / 1e9
        floor_ms = 28 * TOTAL / (triad_gbs * 1e9) * 1e3
        print(f"Adam foreach={foreach}: median {adam[0]:.1f} ms (min {adam[1]:.1f}, max {adam[2]:.1f}); "
              f"triad {tri[0]:.2f} ms = {triad_gbs:.1f} GB/s; 28-byte floor {floor_ms:.1f} ms; floor/step {floor_ms / adam[0]:.2f}")


if __name__ == "__main__":
    main()
