#!/usr/bin/env python3
"""Independent reference for tests/optimizer: the update rules written from the PyTorch
documentation (torch.optim.SGD, Adam, AdamW, "Algorithm" sections) for one scalar at a time, in
Python floats (IEEE double), not from ctnn's code. Prints the parameters after each step of the
scenario in optimizer_test.cpp, and the first normal values of ctnn::random_engine(42) by
Marsaglia's polar method with Python's own math.log and math.sqrt."""
import math

P0 = [0.5, -0.3]
GRADS = [[0.2, -0.4], [-0.1, 0.05], [0.3, 0.0]]
LR = 0.1


def run(update):
    p, state, out = list(P0), [dict() for _ in P0], []
    for t, g in enumerate(GRADS, start=1):
        p = [update(p[i], g[i], state[i], t) for i in range(len(p))]
        out.append(p)
    return out


def adam_update(p, g, s, t, b1=0.9, b2=0.999, eps=1e-8, wd=0.0):
    p = p * (1 - LR * wd)  # AdamW's decoupled decay; wd = 0 is plain Adam
    s["m"] = b1 * s.get("m", 0.0) + (1 - b1) * g
    s["v"] = b2 * s.get("v", 0.0) + (1 - b2) * g * g
    m_hat = s["m"] / (1 - b1**t)
    v_hat = s["v"] / (1 - b2**t)
    return p - LR * m_hat / (math.sqrt(v_hat) + eps)


for name, update in [("adam", adam_update),
                     ("adamw wd=0.01", lambda p, g, s, t: adam_update(p, g, s, t, wd=0.01))]:
    print(name)
    for step, p in enumerate(run(update), start=1):
        print("  step", step, [repr(x) for x in p])

# Normals: the generator as in tests/unit/rng_reference.py.
M = (1 << 64) - 1


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def engine(seed):
    s = []
    for _ in range(4):
        seed = (seed + 0x9E3779B97F4A7C15) & M
        z = seed
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        s.append(z ^ (z >> 31))
    while True:
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]
        s[3] ^= s[1]
        s[1] ^= s[2]
        s[0] ^= s[3]
        s[2] ^= t
        s[3] = rotl(s[3], 45)
        yield result


def normals(seed):
    draws = engine(seed)
    while True:
        u = 2.0 * ((next(draws) >> 11) * 2.0**-53) - 1.0
        v = 2.0 * ((next(draws) >> 11) * 2.0**-53) - 1.0
        s = u * u + v * v
        if 0.0 < s < 1.0:
            yield u * math.sqrt(-2.0 * math.log(s) / s)


n = normals(42)
print("normal<double> from seed 42:", [repr(next(n)) for _ in range(6)])
