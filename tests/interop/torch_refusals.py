#!/usr/bin/env python3
"""scripts/ctnn_export_torch.py refuses what ctnn cannot load, with a message naming the layer,
and its checksum and hexadecimal floats match ctnn's own text format (README's worked example)."""

import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
import ctnn_export_torch as export  # noqa: E402

nn = torch.nn
failures = []
checks = 0


def check():
    global checks
    checks += 1


def refused(model, fragment):
    check()
    try:
        export.to_text(model)
    except export.ExportError as error:
        if fragment not in str(error):
            failures.append(f"message {str(error)!r} lacks {fragment!r}")
        return
    failures.append(f"accepted a model it should refuse ({fragment})")


refused(nn.Sequential(nn.Linear(2, 3), nn.Hardswish()), "layer 1 (Hardswish) is not supported")
refused(nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Tanh()), "a ctnn dense layer has one")
refused(nn.Sequential(nn.ReLU(), nn.Linear(2, 3)), "comes before any Linear")
refused(nn.Sequential(nn.Linear(2, 3), nn.Linear(4, 1)), "takes 4 inputs but the layer before")
refused(nn.Sequential(nn.Linear(2, 3), nn.Softplus(beta=2)), "beta 1 only")
refused(nn.Sequential(nn.Linear(2, 3), nn.Softmax(dim=0)), "Softmax(dim=-1)")
refused(nn.Sequential(nn.Linear(2, 3).half()), "float32 or float64")
refused(nn.Sequential(nn.Linear(2, 3), nn.Linear(3, 1).double()), "all the same")
refused(nn.Linear(2, 3), "torch.nn.Sequential")
refused(nn.Sequential(nn.Conv1d(1, 1, 1)), "layer 0 (Conv1d) is not supported")
refused(nn.Sequential(nn.Linear(2, 3), nn.LayerNorm(3), nn.ReLU()), "after a dense layer only")
refused(nn.Sequential(nn.Linear(2, 3), nn.LayerNorm(3, eps=1e-6)), "eps 1e-5")
refused(nn.Sequential(nn.Linear(2, 3), nn.LayerNorm((2, 3))), "one dimension")
refused(nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3, momentum=0.2)), "momentum 0.1")
refused(nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3, track_running_stats=False)),
        "running mean and variance")
refused(nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(4)), "takes 4 inputs but the layer before")
infinite = nn.Sequential(nn.Linear(1, 1))
with torch.no_grad():
    infinite[0].bias.fill_(float("inf"))
refused(infinite, "finite parameters only")

# README's worked example: w = 1.5, b = -2 in float, checksum 6f71843bb99d56f0.
one = nn.Sequential(nn.Linear(1, 1))
with torch.no_grad():
    one[0].weight.fill_(1.5)
    one[0].bias.fill_(-2.0)
expected = ("ctnn text\nversion 1\nnetwork float 1-1 identity/bias\nlayer 0 weights 1x1\n"
            "0x1.8p+0\nlayer 0 bias 1\n-0x1p+1\nchecksum fnv1a64 6f71843bb99d56f0\n")
check()
if export.to_text(one) != expected:
    failures.append("the 1-1 example differs from README's:\n" + export.to_text(one))

# Slopes become exact ratios; the ratio's double is the slope's.
for slope, ratio in ((0.01, (1, 100)), (0.2, (1, 5)), (0.375, (3, 8)), (1e-7, (1, 10**7))):
    check()
    if export.exact_ratio(slope, "slope") != ratio:
        failures.append(f"ratio of {slope}: {export.exact_ratio(slope, 'slope')}, not {ratio}")
for value, text in ((1.5, "0x1.8p+0"), (-0.0, "-0x0p+0"), (0.0, "0x0p+0"), (1.0, "0x1p+0"),
                    (5e-324, "0x0.0000000000001p-1022")):
    check()
    if export.hex_float(value) != text:
        failures.append(f"hex_float({value!r}) = {export.hex_float(value)}, not {text}")

for failure in failures:
    print("FAILED:", failure)
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
