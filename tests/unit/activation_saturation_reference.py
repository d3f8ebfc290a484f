#!/usr/bin/env python3
"""Writes activation_saturation_reference.hpp: value and derivative of every elementwise
activation with a transcendental (tanh, sigmoid, elu with alpha 1, softplus, silu, gelu_tanh,
gelu) at points where they saturate, where ctnn's formulas switch, near 0 and where results
become subnormal, computed with mpmath at 50 significant digits and rounded once, to nearest
even, to float and to double (subnormals included). Independent of ctnn: the functions are their
definitions, the derivatives their closed forms.

    python3 tests/unit/activation_saturation_reference.py tests/unit/activation_saturation_reference.hpp

(without an argument it prints the header). CTest regenerates it where mpmath is installed and
compares it with the committed one byte for byte.

activation_saturation_test.cpp reads the header; the points are exact binary values, printed as
hex floats so that C++ reads them exactly.
"""
import math
import struct
import sys

import mpmath
from mpmath import mp, mpf

mp.dps = 50

FORMATS = {
    # name: (significand bits, smallest normal exponent, largest exponent)
    "float": (24, -126, 127),
    "double": (53, -1022, 1023),
}


def round_to(x, fmt):
    """x (an mpf) rounded once, to nearest even, to the format; +-inf past its largest value."""
    bits, emin, emax = FORMATS[fmt]
    if x == 0:
        return 0.0
    sign = -1 if x < 0 else 1
    m = abs(x)
    e = int(mpmath.floor(mpmath.log(m, 2)))
    # log2 at 50 digits can land on the wrong side of a power of two: fix e exactly.
    while mpf(2) ** e > m:
        e -= 1
    while mpf(2) ** (e + 1) <= m:
        e += 1
    quantum_exp = max(e, emin) - (bits - 1)
    scaled = m / mpf(2) ** quantum_exp
    n = int(mpmath.floor(scaled))
    rest = scaled - n
    if rest > mpf(1) / 2 or (rest == mpf(1) / 2 and n % 2 == 1):
        n += 1
    if n >= 2 ** bits and quantum_exp + bits > emax + 1:
        return sign * math.inf
    value = math.ldexp(float(n), quantum_exp)  # n < 2^54: exact
    if abs(value) > math.ldexp(2 ** bits - 1, emax - bits + 1):
        return sign * math.inf
    return sign * value


def to_float32(x):
    return struct.unpack("f", struct.pack("f", x))[0]


def next_float32(x, direction):
    """The float32 next to x (a float32 value) toward direction."""
    bits = struct.unpack("I", struct.pack("f", x))[0]
    if x == 0:
        return math.copysign(math.ldexp(1, -149), direction)
    up = (x < direction) == (x > 0)
    bits = bits + 1 if up else bits - 1
    return struct.unpack("f", struct.pack("I", bits))[0]


# --- the functions, from their definitions ----------------------------------------------------

C_GELU_TANH = mpmath.sqrt(2 / mpmath.pi)
K_GELU_TANH = mpf("0.044715")


def sigmoid(z):
    return 1 / (1 + mpmath.exp(-z))


def phi_cdf(z):
    return mpmath.erfc(-z / mpmath.sqrt(2)) / 2


def gelu_tanh_u(z):
    return C_GELU_TANH * (z + K_GELU_TANH * z ** 3)


# gelu_tanh's (1 + tanh(u)) / 2 is written sigmoid(2u), the same number: 1 + tanh(u) would cancel
# to nothing at 50 digits for u below -58.


ACTIVATIONS = {
    # name: (value, derivative)
    "tanh": (mpmath.tanh, lambda z: mpmath.sech(z) ** 2),
    "sigmoid": (sigmoid, lambda z: sigmoid(z) * sigmoid(-z)),
    "elu": (lambda z: z if z > 0 else mpmath.expm1(z), lambda z: mpf(1) if z > 0 else mpmath.exp(z)),
    "softplus": (lambda z: mpmath.log1p(mpmath.exp(z)), sigmoid),
    "silu": (lambda z: z * sigmoid(z), lambda z: sigmoid(z) * (1 + z * sigmoid(-z))),
    "gelu_tanh": (
        lambda z: z * sigmoid(2 * gelu_tanh_u(z)),
        lambda z: sigmoid(2 * gelu_tanh_u(z))
        + z / 2 * mpmath.sech(gelu_tanh_u(z)) ** 2 * C_GELU_TANH * (1 + 3 * K_GELU_TANH * z ** 2),
    ),
    "gelu": (
        lambda z: z * phi_cdf(z),
        lambda z: phi_cdf(z) + z * mpmath.exp(-z * z / 2) / mpmath.sqrt(2 * mpmath.pi),
    ),
}


# --- the points ----------------------------------------------------------------------------------

def points(fmt):
    """Exact values of the format: saturation bands, ctnn's switch points and their neighbours,
    values near 0 and subnormals."""
    if fmt == "double":
        to_fmt = float
        nxt = math.nextafter
        tiny = math.ldexp(1, -1074)
        # tanh's polynomial/exp switch; expm1's -1 below -40; the softplus threshold 48 ln2 (see
        # below); silu's switches at -709 and -800; gelu's at +-39 and t > 25 (z < -35.36);
        # gelu_tanh's derivative hold at +-1024; exp's overflow and underflow.
        switches = [0.5493, -0.5493, -40.0, 48 * math.log(2), -709.0, -800.0, 39.0, -39.0,
                    -35.35533905932738, 1024.0, -1024.0, 709.782712893384, -745.1332191019412,
                    -708.3964185322641, 20.0, 19.0, 18.7, 8.5]
        band = 50.0
        extremes = [-1000.0, -745.0, -740.0, -720.0, -714.0, -710.0, -700.0, 700.0, 1000.0]
    else:
        to_fmt = to_float32
        nxt = next_float32
        tiny = math.ldexp(1, -149)
        switches = [0.5493, -0.5493, -18.0, 21 * math.log(2), 39.0, -39.0, 1024.0, -1024.0,
                    88.72283935546875, -103.972084, -87.33654475, 9.0, 8.5, 8.7]
        band = 25.0
        extremes = [-1000.0, -104.0, -103.0, -100.0, -95.0, -90.0, -88.0, -87.0, -80.0, 90.0,
                    1000.0]
    chosen = set()
    for s in switches:
        x = to_fmt(s)
        for v in (x, nxt(x, math.inf), nxt(x, -math.inf)):
            chosen.add(v)
    # Saturation bands on both sides: 24 points geometrically from 2 to the band's end.
    for i in range(24):
        x = to_fmt(2 * (band / 2) ** (i / 23))
        chosen.update((x, -x))
    # gelu_tanh where exp(-|y|) turns subnormal but its derivative is still normal: y = -88 to
    # -92 (float), -709 to -716 (double); and the zeros of silu's, gelu's and gelu_tanh's
    # derivatives, where their terms cancel.
    ys = [-88, -89, -90, -91, -92] if fmt == "float" else [-709, -710, -712, -714, -716]
    for y in ys:
        chosen.add(to_fmt(float(mpmath.findroot(lambda z: 2 * gelu_tanh_u(z) - y, -10))))
    for name in ("silu", "gelu", "gelu_tanh"):
        root = to_fmt(float(mpmath.findroot(ACTIVATIONS[name][1], -1)))
        chosen.update((root, nxt(root, math.inf), nxt(root, -math.inf)))
    # The case: tanh(z) = 0.99999993.
    chosen.add(to_fmt(float(mpmath.atanh(mpf("0.99999993")))))
    # Near zero and subnormal.
    for x in (1e-5, 2.0 ** -20, 2.0 ** -60, 2.0 ** -126, tiny, tiny * 3, 0.25, 1.0):
        x = to_fmt(x)
        chosen.update((x, -x))
    chosen.add(0.0)
    chosen.update(to_fmt(x) for x in extremes)
    return sorted(chosen)


def literal(x, fmt):
    if math.isinf(x):
        text = "inf"
    elif x == 0:
        text = "-0x0p+0" if math.copysign(1, x) < 0 else "0x0p+0"
    else:
        text = float.hex(x)
    if text == "inf":
        return "std::numeric_limits<%s>::infinity()" % fmt
    return text + ("f" if fmt == "float" else "")


def main():
    out = open(sys.argv[1], "w") if len(sys.argv) > 1 else sys.stdout
    names = list(ACTIVATIONS)
    out.write("// Generated by tests/unit/activation_saturation_reference.py (mpmath, %d digits);"
              " do not edit.\n" % mp.dps)
    out.write("// Each row: z, then value and derivative of each activation at z, rounded once to"
              " the row's type.\n")
    out.write("#pragma once\n\n#include <array>\n#include <limits>\n\n")
    out.write("namespace saturation_reference {\n\n")
    out.write("enum activation_index { %s, activation_count };\n\n" % ", ".join(n + "_index" for n in names))
    out.write("template <class T>\nstruct row {\n    T z;\n    std::array<T, activation_count> value;\n"
              "    std::array<T, activation_count> derivative;\n};\n\n")
    out.write("inline constexpr const char* activation_names[] = {%s};\n\n"
              % ", ".join('"%s"' % n for n in names))
    for fmt in ("float", "double"):
        zs = points(fmt)
        out.write("inline constexpr std::array<row<%s>, %d> %s_rows{{\n" % (fmt, len(zs), fmt))
        for z in zs:
            zm = mpf(z)
            values = [literal(round_to(ACTIVATIONS[n][0](zm), fmt), fmt) for n in names]
            derivatives = [literal(round_to(ACTIVATIONS[n][1](zm), fmt), fmt) for n in names]
            out.write("    {%s, {%s}, {%s}},\n" % (literal(z, fmt), ", ".join(values), ", ".join(derivatives)))
        out.write("}};\n\n")
    out.write("} // namespace saturation_reference\n")


if __name__ == "__main__":
    main()
