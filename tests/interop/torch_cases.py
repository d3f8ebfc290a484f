#!/usr/bin/env python3
"""Builds five models in PyTorch, exports each with scripts/ctnn_export_torch.py and writes what
PyTorch computes for 100 random inputs, for torch_test.cpp to compare with ctnn's forward pass.

    torch_cases.py <output directory>

For each case <name>: <name>.ctnn.txt (the export) and <name>.expected.txt, one line per sample:
"<inputs> : <outputs>", every value a C99 hexadecimal float (exact in both directions).
Case "relu_softmax" goes through the command line (torch.save, then the tool's main()).
"""

import os
import pathlib
import sys

import torch

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "scripts"))
import ctnn_export_torch  # noqa: E402

SAMPLES = 100


def models():
    nn = torch.nn
    torch.manual_seed(20240611)
    yield "relu_softmax", nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3),
                                        nn.Softmax(dim=-1))
    yield "tanh_sigmoid", nn.Sequential(nn.Linear(2, 16), nn.Tanh(), nn.Linear(16, 16),
                                        nn.Softplus(), nn.Linear(16, 1), nn.Sigmoid())
    # float64, with an ELU, a bias-free layer, a LeakyReLU and an identity output (no module).
    f64 = {"dtype": torch.float64}
    yield "elu_identity", nn.Sequential(nn.Linear(3, 5, **f64), nn.ELU(),
                                        nn.Linear(5, 4, bias=False, **f64), nn.LeakyReLU(0.01),
                                        nn.Linear(4, 2, **f64))
    # float64, SiLU and both GELUs.
    yield "silu_gelu", nn.Sequential(nn.Linear(3, 6, **f64), nn.SiLU(), nn.Linear(6, 6, **f64),
                                     nn.GELU(), nn.Linear(6, 4, **f64),
                                     nn.GELU(approximate="tanh"), nn.Linear(4, 1, **f64))
    # float64, LayerNorm, Dropout (dropped) and BatchNorm1d whose running statistics moved in
    # ten training passes (PyTorch's train mode), gains and shifts away from 1 and 0.
    norms = nn.Sequential(nn.Linear(3, 6, **f64), nn.LayerNorm(6, **f64), nn.Linear(6, 5, **f64),
                          nn.ReLU(), nn.Dropout(0.3), nn.Linear(5, 4, **f64),
                          nn.BatchNorm1d(4, **f64), nn.Linear(4, 2, **f64))
    with torch.no_grad():
        for k in (1, 6):
            norms[k].weight.uniform_(0.5, 1.5)
            norms[k].bias.uniform_(-0.5, 0.5)
    norms.train()
    with torch.no_grad():
        for _ in range(10):
            norms(torch.randn(16, 3, dtype=torch.float64) * 2 + 0.5)
    yield "norms", norms


def batch_norm_step(out):
    """One training step in PyTorch's train mode through a BatchNorm1d: the model before and after
    (SGD, lr 0.1, on 0.5 sum((y - t)^2), ctnn::half_sum_squares), its running statistics moved
    by the step's forward pass, the batch and the loss, for torch_test.cpp to repeat in ctnn."""
    nn = torch.nn
    f64 = {"dtype": torch.float64}
    torch.manual_seed(20261207)
    model = nn.Sequential(nn.Linear(3, 4, **f64), nn.BatchNorm1d(4, **f64),
                          nn.Linear(4, 2, **f64))
    with torch.no_grad():
        model[1].weight.uniform_(0.5, 1.5)
        model[1].bias.uniform_(-0.5, 0.5)
        model[1].running_mean.uniform_(-0.5, 0.5)
        model[1].running_var.uniform_(0.5, 2.0)
    ctnn_export_torch.export(model, out / "bn_step.before.ctnn.txt")
    x = torch.rand(8, 3, **f64) * 4 - 2
    t = torch.rand(8, 2, **f64) * 2 - 1
    model.train()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    optimizer.zero_grad()
    loss = 0.5 * ((model(x) - t) ** 2).sum()
    loss.backward()
    optimizer.step()
    ctnn_export_torch.export(model, out / "bn_step.after.ctnn.txt")
    with open(out / "bn_step_batch.expected.txt", "w", encoding="ascii", newline="\n") as f:
        for xs, ts in zip(x.tolist(), t.tolist()):
            f.write(" ".join(v.hex() for v in xs) + " : " + " ".join(v.hex() for v in ts) + "\n")
        f.write(float(loss).hex() + " : " + float(loss).hex() + "\n")
    print("bn_step: one train-mode step")


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    batch_norm_step(out)
    for name, model in models():
        model.eval()
        export = out / f"{name}.ctnn.txt"
        if name == "relu_softmax":
            saved = out / f"{name}.pt"
            torch.save(model, saved)
            if ctnn_export_torch.main([str(saved), str(export)]) != 0:
                sys.exit(f"torch_cases.py: the command line failed for {name}")
            os.remove(saved)
        else:
            ctnn_export_torch.export(model, export)
        dtype = next(model.parameters()).dtype
        generator = torch.Generator().manual_seed(7)
        x = (torch.rand(SAMPLES, model[0].in_features, generator=generator,
                        dtype=torch.float64) * 6 - 3).to(dtype)
        with torch.no_grad():
            y = model(x)
        with open(out / f"{name}.expected.txt", "w", encoding="ascii", newline="\n") as f:
            for xs, ys in zip(x.double().tolist(), y.double().tolist()):
                f.write(" ".join(v.hex() for v in xs) + " : " + " ".join(v.hex() for v in ys)
                        + "\n")
        print(f"{name}: {ctnn_export_torch.describe(model)[1]}")


if __name__ == "__main__":
    main()
