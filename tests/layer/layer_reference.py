#!/usr/bin/python3
# Reference figures for tests/layer/layer_kinds_test.cpp from PyTorch (float64): nn.LayerNorm and
# nn.BatchNorm1d between two nn.Linear layers, their outputs, the gradients of the loss
# 0.5 * sum((y - t)^2) (ctnn::half_sum_squares), and BatchNorm1d's running statistics after one
# training pass. Run: /usr/bin/python3 tests/layer/layer_reference.py
import torch

torch.set_default_dtype(torch.float64)

W1 = [[0.5, -0.25, 0.75, 0.125], [-0.5, 1.0, 0.25, -0.75], [0.375, 0.625, -1.0, 0.5]]  # 3x4, in x out
B1 = [0.1, -0.2, 0.3, 0.05]
G = [1.5, 0.5, -0.75, 1.25]
S = [0.25, -0.5, 0.125, 0.0]
W2 = [[0.5, -1.0], [0.25, 0.75], [-0.625, 0.5], [1.0, 0.125]]  # 4x2
B2 = [-0.1, 0.2]
X = [[0.5, -1.0, 2.0], [1.5, 0.25, -0.5], [-1.0, 0.75, 0.125], [0.0, 2.0, 1.0]]
T = [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5], [-1.0, 2.0]]


def model(norm):
    l1 = torch.nn.Linear(3, 4)
    l2 = torch.nn.Linear(4, 2)
    with torch.no_grad():
        l1.weight.copy_(torch.tensor(W1).T)
        l1.bias.copy_(torch.tensor(B1))
        norm.weight.copy_(torch.tensor(G))
        norm.bias.copy_(torch.tensor(S))
        l2.weight.copy_(torch.tensor(W2).T)
        l2.bias.copy_(torch.tensor(B2))
    return torch.nn.Sequential(l1, norm, l2)


def show(name, t):
    flat = [float(v) for v in t.detach().reshape(-1)]
    print(f"// {name}")
    print("{" + ", ".join(f"{v!r}" for v in flat) + "}")


x = torch.tensor(X)
t = torch.tensor(T)
for name, norm in (("layer_norm", torch.nn.LayerNorm(4)), ("batch_norm", torch.nn.BatchNorm1d(4))):
    m = model(norm)
    m.train()
    y = m(x)
    loss = 0.5 * ((y - t) ** 2).sum()
    loss.backward()
    print(f"// ===== {name}, train mode")
    show("output", y)
    show("loss", loss)
    show("grad W1 (in x out)", m[0].weight.grad.T)
    show("grad b1", m[0].bias.grad)
    show("grad gain", m[1].weight.grad)
    show("grad shift", m[1].bias.grad)
    show("grad W2 (in x out)", m[2].weight.grad.T)
    show("grad b2", m[2].bias.grad)
    if name == "batch_norm":
        show("running_mean after one pass", m[1].running_mean)
        show("running_var after one pass", m[1].running_var)
    m.eval()
    show("eval output (after the pass)", m(x))
