#!/usr/bin/env python3
"""Independent reference for tests/optimizer/rmsprop_test.cpp: torch.optim.RMSprop's update as its
documentation's "Algorithm" states it (centered=False, momentum=0, weight_decay=0), for one scalar
at a time in Python's decimal arithmetic at 40 significant digits, not from ctnn's code:
    v = alpha v + (1 - alpha) g^2;    p = p - lr g / (sqrt(v) + eps),    v starting at 0.
The scenario is optimizer_test.cpp's: p starts at (0.5, -0.3) and three steps see these
gradients. Prints the parameters after each step, to 17 significant digits."""
from decimal import Decimal as D, getcontext

getcontext().prec = 40

P0 = [D("0.5"), D("-0.3")]
GRADS = [[D("0.2"), D("-0.4")], [D("-0.1"), D("0.05")], [D("0.3"), D("0")]]


def run(lr, alpha, eps):
    p, v = list(P0), [D(0), D(0)]
    for step, g in enumerate(GRADS, start=1):
        for i in range(2):
            v[i] = alpha * v[i] + (1 - alpha) * g[i] * g[i]
            p[i] = p[i] - lr * g[i] / (v[i].sqrt() + eps)
        print(f"  step {step}: {p[0]:.17g}, {p[1]:.17g}   (v {v[0]:.17g}, {v[1]:.17g})")


print("rmsprop defaults: lr 0.01, alpha 0.99, eps 1e-8")
run(D("0.01"), D("0.99"), D("1e-8"))
print("rmsprop lr 0.05, alpha 0.9, eps 0.01")
run(D("0.05"), D("0.9"), D("0.01"))
