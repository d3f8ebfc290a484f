// bench/naive.hpp: `naive::network`, the baseline the benchmarks time ctnn against: the seed
// tutorial's maths written the way a person first writes it in C++, with widths known only at
// run time and every matrix a std::vector<std::vector<T>>.
//
// It is naive in its data layout (a pointer chase per row, sizes read from the vectors, no
// alignment, nothing the compiler can unroll), not careless: its scratch matrices are allocated
// once and reused, and the sigmoid's derivative is taken from the stored activation as ctnn does,
// so that a ratio measures layout and compile-time sizes rather than malloc or a second exp().
// It does not include ctnn: the agreement check in main.cpp compares two independent codes.
//
// The maths (SUMMARY.md, "What it teaches"), batch X (n x i), one weight matrix per layer
// (inputs x outputs) and, when the layer has one, a bias row b_l; s(z) = 1 / (1 + exp(-z)):
//   forward:  Z_l = A_{l-1} W_l (+ b_l on every row), A_l = s(Z_l), A_{-1} = X
//   loss:     E = sum 0.5 (O - T)^2
//   backward: D_last = (O - T) * s'(Z_last); dE/dW_l = A_{l-1}^T D_l; dE/db_l = column sums of D_l;
//             D_{l-1} = (D_l W_l^T) * s'(Z_{l-1}), with s'(z) = s(z) (1 - s(z))
//   update:   W_l -= lr dE/dW_l, b_l -= lr dE/db_l, all layers from the same forward pass
// Sums run in the order the textbook triple loop gives (bias first, then k = 0, 1, ...), which is
// also ctnn's.
#pragma once

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace naive {

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

// A sigmoid network of any depth. widths = {inputs, hidden..., outputs}; has_bias[l] says whether
// layer l has a bias (one flag a layer).
template <class T>
class network {
public:
    network(std::vector<std::size_t> widths, const std::vector<bool>& has_bias)
        : widths_(std::move(widths))
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
            for (std::size_t s = 0; s < z_[l].size(); ++s)
                for (std::size_t o = 0; o < z_[l][s].size(); ++o)
                    a_[l][s][o] = sigmoid(z_[l][s][o]);
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
        for (std::size_t s = 0; s < out.size(); ++s)
            for (std::size_t o = 0; o < out[s].size(); ++o) {
                const T e = out[s][o] - targets[s][o];
                loss += T(0.5) * e * e;
                delta_[last][s][o] = e * (out[s][o] * (T(1) - out[s][o]));
            }
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
                const matrix<T>& a = a_[l - 1];
                for (std::size_t s = 0; s < a.size(); ++s)
                    for (std::size_t i = 0; i < a[s].size(); ++i)
                        delta_[l - 1][s][i] *= a[s][i] * (T(1) - a[s][i]);
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
    std::vector<matrix<T>> gradient_; // dE/dW_l
    std::vector<std::vector<T>> bias_gradient_; // dE/db_l
    std::vector<matrix<T>> z_;        // Z_l, one row per sample
    std::vector<matrix<T>> a_;        // A_l = s(Z_l)
    std::vector<matrix<T>> delta_;    // D_l = dE/dZ_l
};

} // namespace naive
