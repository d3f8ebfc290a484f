#!/usr/bin/env python3
"""Independent reference for tests/optimizer/adagrad_test.cpp: torch.optim.Adagrad's update as its
documentation's "Algorithm" states it (weight_decay=0), for one scalar at a time in Python's
decimal arithmetic at 40 significant digits, not from ctnn's code: at step t = 1, 2, ...
    clr = lr / (1 + (t - 1) lr_decay);  sum = sum + g^2;  p = p - clr g / (sqrt(sum) + eps),
the sum starting at initial_accumulator_value. The scenario is optimizer_test.cpp's: p starts at
(0.5, -0.3) and three steps see these gradients. Prints the parameters after each step, to 17
significant digits."""
from decimal import Decimal as D, getcontext

getcontext().prec = 40

P0 = [D("0.5"), D("-0.3")]
GRADS = [[D("0.2"), D("-0.4")], [D("-0.1"), D("0.05")], [D("0.3"), D("0")]]


def run(lr, lr_decay, initial, eps):
    p, total = list(P0), [initial, initial]
    for t, g in enumerate(GRADS, start=1):
        clr = lr / (1 + (t - 1) * lr_decay)
        for i in range(2):
            total[i] = total[i] + g[i] * g[i]
            p[i] = p[i] - clr * g[i] / (total[i].sqrt() + eps)
        print(f"  step {t}: {p[0]:.17g}, {p[1]:.17g}   (sum {total[0]:.17g}, {total[1]:.17g})")


print("adagrad defaults: lr 0.01, lr_decay 0, initial_accumulator_value 0, eps 1e-10")
run(D("0.01"), D(0), D(0), D("1e-10"))
print("adagrad lr 0.05, lr_decay 0.5, initial_accumulator_value 0.1, eps 0.001")
run(D("0.05"), D("0.5"), D("0.1"), D("0.001"))
