#!/usr/bin/env python3
"""Independent reference for ctnn::shuffle_split (ctnn/data/split.hpp), written from the
algorithm its header states, in Python's exact integers: a Fisher-Yates shuffle from the back
drawing each index below i unbiasedly (draws at or above the largest multiple of i below 2^64
are redrawn) from ctnn::random_engine (tests/unit/rng_reference.py), then, stratified, largest-
remainder quotas and a three-way partition that gives each sample its part when the scan first
reaches it. Prints the orders pinned in data_helpers_test.cpp."""
import os
import sys
from fractions import Fraction

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "unit"))
from rng_reference import splitmix64_state, xoshiro256starstar  # noqa: E402

M = (1 << 64) - 1


def shuffled(n, seed):
    draws = xoshiro256starstar(splitmix64_state(seed))
    order = list(range(n))
    for i in range(n, 1, -1):
        limit = M - (M % i)
        while True:
            d = next(draws)
            if d < limit:
                break
        j = d % i
        order[i - 1], order[j] = order[j], order[i - 1]
    return order


def share(fraction, n):
    # floor(fraction * n + 0.5), the fraction being the double the C++ test passes
    return int(Fraction(fraction) * n + Fraction(1, 2))


def quota(counts, total, part):
    q = [c * part // total for c in counts]
    rem = [c * part % total for c in counts]
    for _ in range(part - sum(q)):
        best = None
        for c in range(len(counts)):
            if q[c] < counts[c] and (best is None or rem[c] > rem[best]):
                best = c
        q[best] += 1
        rem[best] = 0
    return q


def split(labels, classes, test, validation, seed, stratify):
    n = len(labels)
    order = shuffled(n, seed)  # order[k]: the original sample now at position k
    n_test = share(test, n)
    n_val = min(share(validation, n), n - n_test)
    if stratify and n:
        counts = [0] * classes
        for s in order:
            counts[labels[s]] += 1
        tq = quota(counts, n, n_test)
        counts = [c - t for c, t in zip(counts, tq)]
        vq = quota(counts, n - n_test, n_val)
        seen = [0] * classes
        low, i, high = 0, 0, n
        while i < high:
            c = labels[order[i]]
            k = seen[c]
            seen[c] += 1
            train_q = counts[c] - vq[c]
            if k < train_q:
                order[low], order[i] = order[i], order[low]
                low += 1
                i += 1
            elif k < train_q + vq[c]:
                i += 1
            else:
                high -= 1
                order[i], order[high] = order[high], order[i]
    n_train = n - n_val - n_test
    return order, n_train, n_val, n_test


if __name__ == "__main__":
    print("unstratified, n 10, seed 7, test 0.2, validation 0.1:",
          split([0] * 10, 2, 0.2, 0.1, 7, False))
    labels = [0] * 6 + [1] * 4 + [2] * 2
    print("stratified, labels", labels, "seed 3, test 0.25, validation 0.25:",
          split(labels, 3, 0.25, 0.25, 3, True))
    labels = [0] * 7 + [1] * 3 + [2] * 1
    print("stratified, labels", labels, "seed 11, test 0.3, validation 0:",
          split(labels, 3, 0.3, 0.0, 11, True))
