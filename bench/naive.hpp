// bench/naive.hpp: `naive::network`, the baseline the benchmarks time ctnn against: the seed
// tutorial's maths written the way a person first writes it in C++, with widths known only at
// run time and every matrix a std::vector<std::vector<T>>.
//
// It is naive in its data layout (a pointer chase per row, sizes read from the vectors, no
// alignment, nothing the compiler can unroll), not careless: its scratch matrices are allocated
// once and reused, and each derivative is taken from the stored activation (or the stored z) as
// ctnn does, so that a ratio measures layout and compile-time sizes rather than malloc or a
// second exp(). The activations are the textbook formulas on std:: functions (activation_kind.hpp
// lists them). It does not include ctnn: the agreement check in main.cpp compares independent
// codes.
//
// The maths (SUMMARY.md, "What it teaches"), batch X (n x i), one weight matrix per layer
// (inputs x outputs) and, when the layer has one, a bias row b_l; f the hidden activation, the
// output one in the last layer (the tutorial's s(z) = 1 / (1 + exp(-z)) in both):
//   forward:  Z_l = A_{l-1} W_l (+ b_l on every row), A_l = f(Z_l), A_{-1} = X
//   loss:     E = sum 0.5 (O - T)^2
//   backward: D_last = (O - T) * f'(Z_last); dE/dW_l = A_{l-1}^T D_l; dE/db_l = column sums of D_l;
//             D_{l-1} = (D_l W_l^T) * f'(Z_{l-1}), with s'(z) = s(z) (1 - s(z))
//   update:   W_l -= lr dE/dW_l, b_l -= lr dE/db_l, all layers from the same forward pass
// Sums run in the order the textbook triple loop gives (bias first, then k = 0, 1, ...), which is
// also ctnn's.
#pragma once

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

#include "activation_kind.hpp"

namespace naive {

using bench::activation_kind;

template <class T>
using matrix = std::vector<std::vector<T>>;

template <class T>
matrix<T> zeros(std::size_t rows, std::size_t cols)
{
    return matrix<T>(rows, std::vector<T>(cols, T(0)));
}

// c = a b, plus bias[j] on every row when bias is not empty. c must already be
// a.size() x b[0].size().
template <class T>
void multiply(const matrix<T>& a, const matrix<T>& b, const std::vector<T>& bias, matrix<T>& c)
{
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < b[0].size(); ++j) {
            T sum = bias.empty() ? T(0) : bias[j];
            for (std::size_t k = 0; k < b.size(); ++k)
                sum += a[i][k] * b[k][j];
            c[i][j] = sum;
        }
}

// c = a^T b. c must already be a[0].size() x b[0].size().
template <class T>
void multiply_transposed_left(const matrix<T>& a, const matrix<T>& b, matrix<T>& c)
{
    for (std::size_t i = 0; i < a[0].size(); ++i)
        for (std::size_t j = 0; j < b[0].size(); ++j) {
            T sum = 0;
            for (std::size_t k = 0; k < a.size(); ++k)
                sum += a[k][i] * b[k][j];
            c[i][j] = sum;
        }
}

// c = a b^T. c must already be a.size() x b.size().
template <class T>
void multiply_transposed_right(const matrix<T>& a, const matrix<T>& b, matrix<T>& c)
{
    for (std::size_t i = 0; i < a.size(); ++i)
        for (std::size_t j = 0; j < b.size(); ++j) {
            T sum = 0;
            for (std::size_t k = 0; k < a[0].size(); ++k)
                sum += a[i][k] * b[j][k];
            c[i][j] = sum;
        }
}

template <class T>
T sigmoid(T z)
{
    return T(1) / (T(1) + std::exp(-z));
}

// Calls use(f) with f(z) -> a, the activation of kind as a function object, so that each kind
// gets its own loop and no element pays for a switch.
template <class T, class Use>
void with_activation(activation_kind kind, Use use)
{
    switch (kind) {
    case activation_kind::sigmoid: use([](T z) { return sigmoid(z); }); break;
    case activation_kind::tanh: use([](T z) { return std::tanh(z); }); break;
    case activation_kind::elu:
        use([](T z) { return z > T(0) ? z : static_cast<T>(bench::elu_alpha) * std::expm1(z); });
        break;
    case activation_kind::softplus: use([](T z) { return std::log1p(std::exp(z)); }); break;
    case activation_kind::identity: use([](T z) { return z; }); break;
    }
}

// The same for f'(z, a), the derivative from the stored z and activation a.
template <class T, class Use>
void with_derivative(activation_kind kind, Use use)
{
    switch (kind) {
    case activation_kind::sigmoid: use([](T, T a) { return a * (T(1) - a); }); break;
    case activation_kind::tanh: use([](T, T a) { return T(1) - a * a; }); break;
    case activation_kind::elu:
        use([](T z, T a) { return z > T(0) ? T(1) : a + static_cast<T>(bench::elu_alpha); });
        break;
    case activation_kind::softplus: use([](T z, T) { return sigmoid(z); }); break;
    case activation_kind::identity: use([](T, T) { return T(1); }); break;
    }
}

// A network of any depth. widths = {inputs, hidden..., outputs}; has_bias[l] says whether layer l
// has a bias (one flag a layer); hidden is the activation of every layer but the last, output the
// last's.
template <class T>
class network {
public:
    network(std::vector<std::size_t> widths, const std::vector<bool>& has_bias,
            activation_kind hidden = activation_kind::sigmoid,
            activation_kind output = activation_kind::sigmoid)
        : widths_(std::move(widths)), hidden_(hidden), output_(output)
    {
        for (std::size_t l = 0; l + 1 < widths_.size(); ++l) {
            weights.push_back(zeros<T>(widths_[l], widths_[l + 1]));
            gradient_.push_back(zeros<T>(widths_[l], widths_[l + 1]));
            // An empty bias is no bias: the loops below run over its size.
            const std::size_t bias_size = has_bias[l] ? widths_[l + 1] : 0;
            biases.push_back(std::vector<T>(bias_size, T(0)));
            bias_gradient_.push_back(std::vector<T>(bias_size, T(0)));
        }
        z_.resize(weights.size());
        a_.resize(weights.size());
        delta_.resize(weights.size());
    }

    // weights[l][i][o] connects input i of layer l to its output o (the tutorial's Wh, Wo).
    std::vector<matrix<T>> weights;
    // biases[l][o] is added to output o of layer l; empty for a layer without bias.
    std::vector<std::vector<T>> biases;

    // The outputs for a batch x (one row per sample), a reference into the network's scratch,
    // valid until the next call.
    const matrix<T>& forward(const matrix<T>& x)
    {
        size_scratch(x.size());
        for (std::size_t l = 0; l < weights.size(); ++l) {
            multiply(l == 0 ? x : a_[l - 1], weights[l], biases[l], z_[l]);
            with_activation<T>(activation_of(l), [&](auto f) {
                for (std::size_t s = 0; s < z_[l].size(); ++s)
                    for (std::size_t o = 0; o < z_[l][s].size(); ++o)
                        a_[l][s][o] = f(z_[l][s][o]);
            });
        }
        return a_.back();
    }

    // One epoch of full-batch gradient descent on the half sum of squares; returns E as measured
    // on this epoch's forward pass, before the update.
    T train_step(const matrix<T>& x, const matrix<T>& targets, T learning_rate)
    {
        const matrix<T>& out = forward(x);
        const std::size_t last = weights.size() - 1;
        T loss = 0;
        with_derivative<T>(output_, [&](auto derivative) {
            for (std::size_t s = 0; s < out.size(); ++s)
                for (std::size_t o = 0; o < out[s].size(); ++o) {
                    const T e = out[s][o] - targets[s][o];
                    loss += T(0.5) * e * e;
                    delta_[last][s][o] = e * derivative(z_[last][s][o], out[s][o]);
                }
        });
        for (std::size_t l = last + 1; l-- > 0;) {
            multiply_transposed_left(l == 0 ? x : a_[l - 1], delta_[l], gradient_[l]);
            for (std::size_t o = 0; o < biases[l].size(); ++o) {
                T sum = 0;
                for (std::size_t s = 0; s < delta_[l].size(); ++s)
                    sum += delta_[l][s][o];
                bias_gradient_[l][o] = sum;
            }
            if (l > 0) {
                multiply_transposed_right(delta_[l], weights[l], delta_[l - 1]);
                const matrix<T>& z = z_[l - 1];
                const matrix<T>& a = a_[l - 1];
                with_derivative<T>(activation_of(l - 1), [&](auto derivative) {
                    for (std::size_t s = 0; s < a.size(); ++s)
                        for (std::size_t i = 0; i < a[s].size(); ++i)
                            delta_[l - 1][s][i] *= derivative(z[s][i], a[s][i]);
                });
            }
        }
        for (std::size_t l = 0; l < weights.size(); ++l)
            for (std::size_t i = 0; i < weights[l].size(); ++i)
                for (std::size_t o = 0; o < weights[l][i].size(); ++o)
                    weights[l][i][o] -= learning_rate * gradient_[l][i][o];
        for (std::size_t l = 0; l < biases.size(); ++l)
            for (std::size_t o = 0; o < biases[l].size(); ++o)
                biases[l][o] -= learning_rate * bias_gradient_[l][o];
        return loss;
    }

private:
    activation_kind activation_of(std::size_t l) const
    {
        return l + 1 < weights.size() ? hidden_ : output_;
    }

    // Reallocates only when the batch size changes, never in a loop that keeps it.
    void size_scratch(std::size_t rows)
    {
        if (!z_.empty() && z_[0].size() == rows)
            return;
        for (std::size_t l = 0; l < weights.size(); ++l) {
            z_[l] = zeros<T>(rows, widths_[l + 1]);
            a_[l] = zeros<T>(rows, widths_[l + 1]);
            delta_[l] = zeros<T>(rows, widths_[l + 1]);
        }
    }

    std::vector<std::size_t> widths_;
    activation_kind hidden_;
    activation_kind output_;
    std::vector<matrix<T>> gradient_; // dE/dW_l
    std::vector<std::vector<T>> bias_gradient_; // dE/db_l
    std::vector<matrix<T>> z_;        // Z_l, one row per sample
    std::vector<matrix<T>> a_;        // A_l = s(Z_l)
    std::vector<matrix<T>> delta_;    // D_l = dE/dZ_l
};

} // namespace naive
