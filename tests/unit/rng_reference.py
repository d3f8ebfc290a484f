#!/usr/bin/env python3
"""Independent reference for ctnn::random_engine: splitmix64 seeding and xoshiro256** written
from the published algorithms (Vigna, prng.di.unimi.it), in Python's exact integers.
splitmix64 from state 0 gives 0xe220a8397b1dcdaf first, the value its authors publish, which
checks the seeding half. Prints the values pinned in random_test.cpp."""
M = (1 << 64) - 1


def splitmix64_state(seed):
    s, out = seed, []
    for _ in range(4):
        s = (s + 0x9E3779B97F4A7C15) & M
        z = s
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M
        out.append(z ^ (z >> 31))
    return out


def rotl(x, k):
    return ((x << k) | (x >> (64 - k))) & M


def xoshiro256starstar(s):
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


if __name__ == "__main__":
    assert splitmix64_state(0)[0] == 0xE220A8397B1DCDAF
    draws = xoshiro256starstar(splitmix64_state(42))
    values = [next(draws) for _ in range(4)]
    print("seed 42 draws:", [hex(v) for v in values])
    print("as uniform01<double>:", [repr((v >> 11) * 2.0**-53) for v in values])
    print("as uniform01<float>: ", [repr((v >> 40) * 2.0**-24) for v in values])
