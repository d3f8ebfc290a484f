#!/usr/bin/env python3
"""An independent reference of ctnn's int8 forward pass, from its description (README, "int8
networks"; ctnn/quantized/requantize.hpp), written with NumPy integer arrays and floor division
rather than ctnn's shifts and masks.

    reference.py <cases file written by reference_cases>

For each network and input in the file, recomputes the output and requires it to equal ctnn's bit
for bit. Also rebuilds the sigmoid and tanh tables from numpy's exp and tanh.
"""
import sys

import numpy as np

INT32_MIN, INT32_MAX = -(2 ** 31), 2 ** 31 - 1


def round_half_away(v):
    """Nearest integer, ties away from zero (float64 in, int64 out)."""
    return (np.sign(v) * np.floor(np.abs(v) + 0.5)).astype(np.int64)


def sigmoid_table():
    q = np.arange(-128, 128)
    s = 1.0 / (1.0 + np.exp(-q / 16.0))
    return np.clip(round_half_away(256.0 * s) - 128, -128, 127)


def tanh_table():
    q = np.arange(-128, 128)
    return np.clip(round_half_away(128.0 * np.tanh(q / 16.0)), -128, 127)


TABLES = {"sigmoid": sigmoid_table(), "tanh": tanh_table()}


def scale(acc, multiplier, shift):
    """acc * multiplier * 2^(shift - 31), elementwise on int64 arrays, as documented:
    x = acc * 2^max(shift, 0) saturated to int32; h = 2 x m / 2^32 to nearest with ties toward
    +infinity (the one case x = m = -2^31 saturating to 2^31 - 1); then h / 2^max(-shift, 0) to
    nearest with ties away from zero."""
    acc = acc.astype(np.int64)
    m = multiplier.astype(np.int64)
    left = np.maximum(shift, 0).astype(np.int64)
    right = np.maximum(-shift, 0).astype(np.int64)
    x = np.clip(acc * (np.int64(1) << left), INT32_MIN, INT32_MAX)
    # floor(x m / 2^31 + 1/2): x m fits in int64 (|x m| <= 2^62).
    h = (x * m + (np.int64(1) << 30)) // (np.int64(1) << 31)
    h = np.where((x == INT32_MIN) & (m == INT32_MIN), INT32_MAX, h)
    # sign(h) floor((|h| + 2^(e-1)) / 2^e); e = 0 leaves h as it is.
    bump = np.where(right > 0, np.int64(1) << np.maximum(right - 1, 0), 0)
    magnitude = (np.abs(h) + bump) // (np.int64(1) << right)
    return np.sign(h) * magnitude


def forward(network, x):
    a = np.array(x, dtype=np.int64)
    zero_point = network["input_zero_point"]
    for layer in network["layers"]:
        w = np.array(layer["weights"], dtype=np.int64).reshape(layer["out"], layer["in"])
        acc = np.array(layer["bias"], dtype=np.int64) + w @ (a - zero_point)
        assert np.all((acc >= INT32_MIN) & (acc <= INT32_MAX)), "accumulator overflow"
        v = scale(acc, np.array(layer["multiplier"]), np.array(layer["shift"]))
        kind, zy = layer["activation"], layer["output_zero_point"]
        if kind in TABLES:
            a = TABLES[kind][np.clip(v, -128, 127) + 128]
        else:
            low = max(zy, -128) if kind == "relu" else -128
            a = np.clip(v + zy, low, 127)
        zero_point = zy
    return a


def parse(path):
    networks = []
    with open(path) as f:
        lines = [line.split() for line in f]
    k = 0
    while k < len(lines):
        head = lines[k]
        assert head[0] == "network", head
        count = int(head[1])
        network = {"input_zero_point": int(head[2]), "layers": [], "samples": []}
        k += 1
        for _ in range(count):
            _, n_in, n_out, kind, zy = lines[k]
            network["layers"].append({"in": int(n_in), "out": int(n_out), "activation": kind,
                                      "output_zero_point": int(zy)})
            k += 1
        for layer in network["layers"]:
            for name in ("weights", "bias", "multiplier", "shift"):
                assert lines[k][0] == name, lines[k][0]
                layer[name] = [int(v) for v in lines[k][1:]]
                k += 1
        while k < len(lines) and lines[k][0] == "sample":
            arrow = lines[k].index("->")
            network["samples"].append(([int(v) for v in lines[k][1:arrow]],
                                       [int(v) for v in lines[k][arrow + 1:]]))
            k += 1
        networks.append(network)
    return networks


def main():
    networks = parse(sys.argv[1])
    checked = mismatches = 0
    values = inside = 0
    for n, network in enumerate(networks):
        for x, expected in network["samples"]:
            got = forward(network, x)
            checked += 1
            values += len(got)
            inside += int(np.sum((got > -128) & (got < 127)))
            if list(got) != expected:
                mismatches += 1
                if mismatches <= 10:
                    print(f"network {n}, input {x}: reference {list(got)}, ctnn {expected}")
    print(f"{len(networks)} networks, {checked} inputs, {mismatches} mismatches "
          f"({inside} of {values} output values strictly inside the int8 limits)")
    if checked < 1000:
        print("too few cases: the file is incomplete")
        return 1
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
