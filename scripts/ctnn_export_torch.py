#!/usr/bin/env python3
"""Export a PyTorch torch.nn.Sequential of Linear layers and activations to ctnn's text format.

The file is ctnn's own native text format (README, "Saving and loading"), checksum included, so
ctnn::load() reads it into the matching network type, which this tool prints:

    $ python3 scripts/ctnn_export_torch.py model.pt model.ctnn.txt
    ctnn::sequential<ctnn::options<float>, ctnn::input<4>, ctnn::dense<8, ctnn::relu>,
                     ctnn::dense<3, ctnn::softmax>>

model.pt holds a whole module saved with torch.save(model, "model.pt"). As a module:

    import ctnn_export_torch
    cpp_type = ctnn_export_torch.export(model, "model.ctnn.txt")

Supported: Linear (with or without bias), Sigmoid, Tanh, ReLU, LeakyReLU (its slope written as an
exact ratio, ctnn::leaky_relu<N, D>), ELU (ctnn::elu<N, D>), Softplus (beta 1, threshold >= 20),
SiLU, GELU (both forms), Softmax(dim=-1 or 1), Identity, LayerNorm over the features
(ctnn::layer_norm; eps 1e-5), BatchNorm1d (ctnn::batch_norm, with its running mean and variance;
eps 1e-5, momentum 0.1, tracking running statistics), Dropout (dropped: the identity in
evaluation) and nested Sequentials. Each Linear takes at most one activation after it; a
normalisation takes none (a ctnn activation belongs to a dense layer). The parameters are float32
(ctnn::options<float>) or float64 (ctnn::options<double>). Anything else is refused with an
ExportError naming the layer.
"""

import argparse
import fractions
import math
import sys

FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
INT64_MAX = 2**63 - 1


class ExportError(ValueError):
    """The model cannot be written as a ctnn network; the message says why and where."""


def fnv1a64(data: bytes) -> int:
    """FNV-1a 64, as ctnn's detail::fnv1a64 computes it over the bytes before the checksum."""
    h = FNV_OFFSET
    for byte in data:
        h ^= byte
        h = (h * FNV_PRIME) & 0xFFFFFFFFFFFFFFFF
    return h


def hex_float(value: float) -> str:
    """A value as C's %a and C++'s std::to_chars(hex) write it ("0x1.8p+0", "-0x0p+0").

    float.hex() pads the mantissa with zeros ("0x1.8000000000000p+0"); ctnn writes the shortest
    form, and the two read back to the same bits, but the shortest keeps files identical to what
    ctnn itself would save for a double network."""
    text = float(value).hex()
    sign = ""
    if text.startswith("-"):
        sign, text = "-", text[1:]
    mantissa, exponent = text[2:].split("p")
    if "." in mantissa:
        whole, fraction = mantissa.split(".")
        fraction = fraction.rstrip("0")
        mantissa = whole + ("." + fraction if fraction else "")
    return f"{sign}0x{mantissa}p{exponent}"


def exact_ratio(value: float, what: str) -> tuple:
    """(N, D) with N / D, computed in double as ctnn does, equal to value, D as small as found."""
    for limit in (10, 100, 1000, 10**4, 10**5, 10**6, 10**9, 10**12):
        r = fractions.Fraction(value).limit_denominator(limit)
        if r.numerator / r.denominator == value:
            return r.numerator, r.denominator
    r = fractions.Fraction(value)  # exact: a dyadic fraction
    if abs(r.numerator) <= INT64_MAX and r.denominator <= INT64_MAX:
        return r.numerator, r.denominator
    raise ExportError(f"{what} = {value!r} has no ratio of two 64-bit integers; ctnn writes it "
                      f"as a template ratio <N, D>")


class _Layer:
    """A ctnn layer: a dense layer (a Linear and its activation) or a normalisation."""

    def __init__(self, module, index, kind="dense"):
        self.module = module
        self.index = index
        self.kind = kind  # "dense", "layer_norm" or "batch_norm"
        self.activation = None  # (signature name, C++ type)

    @property
    def linear(self):
        return self.module


def _normalization(module, index):
    """"layer_norm" or "batch_norm" for a supported normalisation module, None otherwise."""
    import torch.nn as nn

    where = f"layer {index} ({type(module).__name__})"
    if isinstance(module, nn.LayerNorm):
        if len(module.normalized_shape) != 1:
            raise ExportError(f"{where}: normalized_shape = {tuple(module.normalized_shape)}; "
                              f"ctnn::layer_norm normalises over the features, one dimension")
        if float(module.eps) != 1e-5:
            raise ExportError(f"{where}: eps = {module.eps}; ctnn::layer_norm has eps 1e-5")
        return "layer_norm"
    if isinstance(module, nn.BatchNorm1d):
        if float(module.eps) != 1e-5:
            raise ExportError(f"{where}: eps = {module.eps}; ctnn::batch_norm has eps 1e-5")
        if module.momentum is None or float(module.momentum) != 0.1:
            raise ExportError(f"{where}: momentum = {module.momentum}; ctnn::batch_norm keeps "
                              f"its running statistics with momentum 0.1")
        if not module.track_running_stats or module.running_mean is None:
            raise ExportError(f"{where}: no running statistics (track_running_stats=False); "
                              f"ctnn::batch_norm infers with its running mean and variance")
        return "batch_norm"
    return None


def _activation(module, index):
    """(signature name, C++ type) for a supported activation module, None for an identity."""
    import torch.nn as nn

    where = f"layer {index} ({type(module).__name__})"
    if isinstance(module, (nn.Identity, nn.Dropout)):
        return None
    if isinstance(module, nn.Sigmoid):
        return "sigmoid", "ctnn::sigmoid"
    if isinstance(module, nn.Tanh):
        return "tanh", "ctnn::tanh"
    if isinstance(module, nn.ReLU):
        return "relu", "ctnn::relu"
    if isinstance(module, nn.LeakyReLU):
        n, d = exact_ratio(float(module.negative_slope), f"{where}: negative_slope")
        return f"leaky_relu({n}/{d})", f"ctnn::leaky_relu<{n}, {d}>"
    if isinstance(module, nn.ELU):
        n, d = exact_ratio(float(module.alpha), f"{where}: alpha")
        return f"elu({n}/{d})", f"ctnn::elu<{n}, {d}>"
    if isinstance(module, nn.Softplus):
        if float(module.beta) != 1.0:
            raise ExportError(f"{where}: beta = {module.beta}; ctnn's softplus has beta 1 only")
        if float(module.threshold) < 20.0:
            raise ExportError(f"{where}: threshold = {module.threshold}; ctnn's softplus is "
                              f"exact everywhere, which matches PyTorch only for threshold >= 20")
        return "softplus", "ctnn::softplus"
    if isinstance(module, nn.SiLU):
        return "silu", "ctnn::silu"
    if isinstance(module, nn.GELU):
        if module.approximate == "tanh":
            return "gelu_tanh", "ctnn::gelu_tanh"
        return "gelu", "ctnn::gelu"
    if isinstance(module, nn.Softmax):
        if module.dim not in (-1, 1):
            raise ExportError(f"{where}: dim = {module.dim}; ctnn's softmax runs over the "
                              f"features, Softmax(dim=-1)")
        return "softmax", "ctnn::softmax"
    raise ExportError(
        f"{where} is not supported: ctnn exports a Sequential of Linear layers and the "
        f"activations Sigmoid, Tanh, ReLU, LeakyReLU, ELU, Softplus, SiLU, GELU, Softmax and "
        f"Identity, LayerNorm, BatchNorm1d and Dropout")


def _flatten(module):
    import torch.nn as nn

    for child in module.children():
        if isinstance(child, nn.Sequential):
            yield from _flatten(child)
        else:
            yield child


def _layers(model):
    import torch.nn as nn

    if not isinstance(model, nn.Sequential):
        raise ExportError(f"the model is a {type(model).__name__}; ctnn exports a "
                          f"torch.nn.Sequential (its forward is known from its layers)")
    layers = []
    previous_activation = None
    for index, module in enumerate(_flatten(model)):
        if isinstance(module, nn.Linear):
            layers.append(_Layer(module, index))
            continue
        norm = _normalization(module, index)
        if norm is not None:
            layers.append(_Layer(module, index, norm))
            continue
        activation = _activation(module, index)
        if activation is None:
            continue
        if not layers:
            raise ExportError(f"layer {index} ({type(module).__name__}) comes before any Linear; "
                              f"ctnn applies an activation after a dense layer only")
        if layers[-1].kind != "dense":
            raise ExportError(f"layer {index} ({type(module).__name__}) follows a "
                              f"{type(layers[-1].module).__name__} (layer {layers[-1].index}); "
                              f"ctnn applies an activation after a dense layer only")
        if layers[-1].activation is not None:
            raise ExportError(f"layer {index} ({type(module).__name__}) follows "
                              f"{previous_activation} after the same Linear (layer "
                              f"{layers[-1].index}); a ctnn dense layer has one activation")
        layers[-1].activation = activation
        previous_activation = type(module).__name__
    if not layers:
        raise ExportError("the model has no Linear layer")
    return layers


def _width_in(layer, width):
    """The input width layer takes (a normalisation: its features), checked against width."""
    if layer.kind == "dense":
        return layer.module.in_features
    if layer.kind == "layer_norm":
        return layer.module.normalized_shape[0]
    return layer.module.num_features


def _scalar(layers):
    import torch

    dtypes = {p.dtype for layer in layers for p in layer.module.parameters()}
    dtypes |= {b.dtype for layer in layers for b in layer.module.buffers() if b.is_floating_point()}
    if dtypes == {torch.float32}:
        return "float"
    if dtypes == {torch.float64}:
        return "double"
    names = ", ".join(sorted(str(d) for d in dtypes))
    raise ExportError(f"the parameters are {names}; ctnn reads float32 or float64 (all the "
                      f"same): convert with model.float() or model.double()")


def describe(model):
    """(signature, C++ type, layers) of the ctnn network matching model."""
    layers = _layers(model)
    scalar = _scalar(layers)
    widths = [_width_in(layers[0], None)]
    for layer in layers:
        takes = _width_in(layer, widths[-1])
        if takes != widths[-1]:
            raise ExportError(f"layer {layer.index} ({type(layer.module).__name__}) takes {takes} "
                              f"inputs but the layer before it gives {widths[-1]}")
        widths.append(layer.module.out_features if layer.kind == "dense" else takes)
    parts = []
    cpp = [f"ctnn::options<{scalar}>", f"ctnn::input<{widths[0]}>"]
    for layer in layers:
        if layer.kind != "dense":
            parts.append(layer.kind)
            cpp.append(f"ctnn::{layer.kind}")
            continue
        name, cpp_activation = layer.activation or ("identity", "ctnn::identity")
        bias = layer.linear.bias is not None
        parts.append(f"{name}/{'bias' if bias else 'no-bias'}")
        modifiers = cpp_activation + ("" if bias else ", ctnn::no_bias")
        cpp.append(f"ctnn::dense<{layer.linear.out_features}, {modifiers}>")
    signature = f"{scalar} {'-'.join(str(w) for w in widths)} {' '.join(parts)}"
    return signature, "ctnn::sequential<" + ", ".join(cpp) + ">", layers


def to_text(model) -> str:
    """model in ctnn's text format (version 1), checksum included."""
    signature, _, layers = describe(model)
    lines = ["ctnn text", "version 1", f"network {signature}"]
    for k, layer in enumerate(layers):
        if layer.kind != "dense":
            lines += _norm_lines(layer, k)
            continue
        # torch's Linear.weight is Out x In; ctnn stores W as In x Out, one row per input.
        weight = layer.linear.weight.detach().cpu().double().t().tolist()
        lines.append(f"layer {k} weights {layer.linear.in_features}x{layer.linear.out_features}")
        for row in weight:
            lines.append(" ".join(_checked(v, k) for v in row))
        if layer.linear.bias is not None:
            bias = layer.linear.bias.detach().cpu().double().tolist()
            lines.append(f"layer {k} bias {layer.linear.out_features}")
            lines.append(" ".join(_checked(v, k) for v in bias))
    body = ("\n".join(lines) + "\n").encode("ascii")
    return body.decode("ascii") + f"checksum fnv1a64 {fnv1a64(body):016x}\n"


def _norm_lines(layer, k):
    """A normalisation's blocks: gain and shift (PyTorch's weight and bias, 1 and 0 without an
    affine map), then batch_norm's running mean and variance."""
    module = layer.module
    width = _width_in(layer, None)

    def values(tensor, default):
        if tensor is None:
            return [default] * width
        return tensor.detach().cpu().double().tolist()

    blocks = [("gain", values(module.weight, 1.0)), ("shift", values(module.bias, 0.0))]
    if layer.kind == "batch_norm":
        blocks += [("running_mean", values(module.running_mean, 0.0)),
                   ("running_var", values(module.running_var, 1.0))]
    lines = []
    for name, vector in blocks:
        lines.append(f"layer {k} {name} {width}")
        lines.append(" ".join(_checked(v, k) for v in vector))
    return lines


def _checked(value, layer):
    if not math.isfinite(value):
        raise ExportError(f"ctnn layer {layer} holds {value}; ctnn saves and loads finite "
                          f"parameters only")
    return hex_float(value)


def export(model, destination) -> str:
    """Writes model to destination (a path or a text file object); returns the ctnn C++ type."""
    text = to_text(model)
    if hasattr(destination, "write"):
        destination.write(text)
    else:
        with open(destination, "w", encoding="ascii", newline="\n") as out:
            out.write(text)
    return describe(model)[1]


def main(argv=None):
    parser = argparse.ArgumentParser(
        description="Export a torch.nn.Sequential (saved whole with torch.save) to ctnn's text "
                    "format; prints the matching ctnn network type.")
    parser.add_argument("model", help="file written by torch.save(model, path)")
    parser.add_argument("output", help="the ctnn text file to write ('-' for standard output)")
    args = parser.parse_args(argv)

    import torch

    try:
        model = torch.load(args.model, map_location="cpu", weights_only=False)
    except TypeError:  # a torch without weights_only
        model = torch.load(args.model, map_location="cpu")
    try:
        if args.output == "-":
            cpp_type = export(model, sys.stdout)
            print(cpp_type, file=sys.stderr)
        else:
            print(export(model, args.output))
    except ExportError as error:
        print(f"ctnn_export_torch: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
