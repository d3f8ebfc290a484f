// bench/vectorization/kernels.cpp: ctnn's inner loops, instantiated for a few shapes and nothing
// else, so that scripts/vectorization_report.sh can ask GCC (-fopt-info-vec) and Clang
// (-Rpass=loop-vectorize) which of them vectorise. Compiled only, never linked or run.
//
// Each kernel is an explicit instantiation with external linkage, so the compiler must emit it
// standalone: what it reports is what a caller's loop gets after inlining, with the same trip
// counts (Rows fixed, as for a whole batch, or 0 for a run-time count, as for a last partial
// minibatch).
#include <array>
#include <cstddef>

#include <ctnn/ctnn.hpp>

namespace kernels {

// The four loops of one dense layer.
template <class T, std::size_t In, std::size_t Out, class Activation, bool HasBias,
          std::size_t Rows>
struct dense {
    using layer = ctnn::dense_layer<T, In, Out, Activation, HasBias>;

    static void forward(const T* w, const T* b, const T* x, T* z, T* a, std::size_t rows) noexcept
    {
        layer::template forward<Rows>(w, b, x, z, a, rows);
    }
    static void parameter_gradient(const T* x, const T* delta, T* gw, T* gb,
                                   std::size_t rows) noexcept
    {
        layer::template parameter_gradient<Rows>(x, delta, gw, gb, rows);
    }
    static void input_gradient(const T* w, const T* delta, T* dx, std::size_t rows) noexcept
    {
        layer::template input_gradient<Rows>(w, delta, dx, rows);
    }
    static void activation_gradient(const T* z, const T* a, T* grad, std::size_t rows) noexcept
    {
        layer::template activation_gradient<Rows>(z, a, grad, rows);
    }
};

// 2-3-1, no bias (the tutorial), batch 4, float and double.
template struct dense<double, 2, 3, ctnn::sigmoid, false, 4>;
template struct dense<double, 3, 1, ctnn::sigmoid, false, 4>;
template struct dense<double, 2, 3, ctnn::sigmoid, false, 0>;
template struct dense<float, 2, 3, ctnn::sigmoid, false, 4>;
template struct dense<float, 3, 1, ctnn::sigmoid, false, 4>;
// 16-32-32-1 float, one sample (forward latency) and a run-time count.
template struct dense<float, 16, 32, ctnn::sigmoid, true, 1>;
template struct dense<float, 32, 32, ctnn::sigmoid, true, 1>;
template struct dense<float, 32, 1, ctnn::identity, true, 1>;
template struct dense<float, 32, 32, ctnn::sigmoid, true, 0>;
template struct dense<double, 32, 32, ctnn::sigmoid, true, 32>;
// 16-32-32-1 float with tanh hidden layers (issue 11's comparison with RTNeural), one sample and a
// minibatch; elu and softplus layers in float and double.
template struct dense<float, 16, 32, ctnn::tanh, true, 1>;
template struct dense<float, 32, 32, ctnn::tanh, true, 32>;
template struct dense<double, 32, 32, ctnn::tanh, true, 32>;
template struct dense<float, 32, 32, ctnn::elu<>, true, 32>;
template struct dense<double, 32, 32, ctnn::elu<>, true, 32>;
template struct dense<float, 32, 32, ctnn::softplus, true, 32>;
template struct dense<double, 32, 32, ctnn::softplus, true, 32>;
// 784-128 float, minibatch 32 and a run-time count; a softmax output of 10 on top.
template struct dense<float, 784, 128, ctnn::sigmoid, true, 32>;
template struct dense<float, 784, 128, ctnn::relu, true, 0>;
template struct dense<float, 128, 10, ctnn::softmax, true, 32>;
template struct dense<double, 128, 10, ctnn::softmax, true, 32>;

// The sigmoid and softmax on their own, with each exp policy, over a whole row of values.
template <class T, std::size_t N, class Exp>
struct activations {
    static void sigmoid(const std::array<T, N>& z, std::array<T, N>& a) noexcept
    {
        for (std::size_t k = 0; k < N; ++k)
            a[k] = ctnn::basic_sigmoid<Exp>::value(z[k]);
    }
    static void exp(const std::array<T, N>& z, std::array<T, N>& a) noexcept
    {
        for (std::size_t k = 0; k < N; ++k)
            a[k] = Exp::exp(z[k]);
    }
    static void softmax(const std::array<T, N>& z, std::array<T, N>& a) noexcept
    {
        ctnn::basic_softmax<Exp>::template forward<N>(z.data(), a.data());
    }
};

template struct activations<float, 128, ctnn::polynomial_exp>;
template struct activations<double, 128, ctnn::polynomial_exp>;
template struct activations<float, 128, ctnn::std_exp>;
template struct activations<double, 128, ctnn::std_exp>;
template struct activations<double, 128, ctnn::default_exp>;

// The element-wise activations' two loops as dense_layer::activate and activation_gradient run
// them, over a row of 128 values: one function per activation, scalar type and policy, each loop
// on one line, so that each has its own row in the report, named by its source. ctnn::tanh,
// ctnn::elu<> and ctnn::softplus use default_exp (branch-free for float, and for double with
// AVX2; the C library otherwise); the basic_*<polynomial_exp> rows force the branch-free code
// for double (with -march=native GCC merges them with the default rows, the same code, and gives
// them no remark of their own). An activation added later adds its two loops here.
namespace elementwise {

constexpr std::size_t n = 128;
template <class T>
using row = std::array<T, n>;
using poly_tanh = ctnn::basic_tanh<ctnn::polynomial_exp>;
using poly_elu = ctnn::basic_elu<1, 1, ctnn::polynomial_exp>;
using poly_softplus = ctnn::basic_softplus<ctnn::polynomial_exp>;

void tanh_forward(const row<float>& z, row<float>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::tanh::value<float>(z[k]);
}
void tanh_backward(const row<float>& z, const row<float>& a, row<float>& g) noexcept
{
    for (std::size_t k = 0; k < n; ++k) g[k] *= ctnn::tanh::derivative<float>(z[k], a[k]);
}
void tanh_forward(const row<double>& z, row<double>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::tanh::value<double>(z[k]);
}
void tanh_backward(const row<double>& z, const row<double>& a, row<double>& g) noexcept
{
    for (std::size_t k = 0; k < n; ++k) g[k] *= ctnn::tanh::derivative<double>(z[k], a[k]);
}
void poly_tanh_forward(const row<double>& z, row<double>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = poly_tanh::value<double>(z[k]);
}

void elu_forward(const row<float>& z, row<float>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::elu<>::value<float>(z[k]);
}
void elu_backward(const row<float>& z, const row<float>& a, row<float>& g) noexcept
{
    for (std::size_t k = 0; k < n; ++k) g[k] *= ctnn::elu<>::derivative<float>(z[k], a[k]);
}
void elu_forward(const row<double>& z, row<double>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::elu<>::value<double>(z[k]);
}
void elu_backward(const row<double>& z, const row<double>& a, row<double>& g) noexcept
{
    for (std::size_t k = 0; k < n; ++k) g[k] *= ctnn::elu<>::derivative<double>(z[k], a[k]);
}
void poly_elu_forward(const row<double>& z, row<double>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = poly_elu::value<double>(z[k]);
}

void softplus_forward(const row<float>& z, row<float>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::softplus::value<float>(z[k]);
}
void softplus_backward(const row<float>& z, const row<float>& a, row<float>& g) noexcept
{
    for (std::size_t k = 0; k < n; ++k) g[k] *= ctnn::softplus::derivative<float>(z[k], a[k]);
}
void softplus_forward(const row<double>& z, row<double>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::softplus::value<double>(z[k]);
}
void softplus_backward(const row<double>& z, const row<double>& a, row<double>& g) noexcept
{
    for (std::size_t k = 0; k < n; ++k) g[k] *= ctnn::softplus::derivative<double>(z[k], a[k]);
}
void poly_softplus_forward(const row<double>& z, row<double>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = poly_softplus::value<double>(z[k]);
}
void poly_softplus_backward(const row<double>& z, const row<double>& a, row<double>& g) noexcept
{
    for (std::size_t k = 0; k < n; ++k) g[k] *= poly_softplus::derivative<double>(z[k], a[k]);
}

void expm1_forward(const row<float>& z, row<float>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::polynomial_exp::expm1<float>(z[k]);
}
void expm1_forward(const row<double>& z, row<double>& a) noexcept
{
    for (std::size_t k = 0; k < n; ++k) a[k] = ctnn::polynomial_exp::expm1<double>(z[k]);
}

} // namespace elementwise

// Optimiser steps over a whole network's parameters.
template <class Net>
struct optimizers {
    static void sgd(Net& net, const ctnn::gradient<Net>& grad) noexcept
    {
        ctnn::sgd{0.01}.step(net, grad);
    }
    static void adam(Net& net, const ctnn::gradient<Net>& grad,
                     ctnn::optimizer_state<ctnn::adam, Net>& state) noexcept
    {
        ctnn::adam{}.step(net, grad, state, typename Net::scalar_type(1e-3));
    }
};

template struct optimizers<ctnn::network<16, 32, 32, 1>>;
template struct optimizers<ctnn::basic_network<ctnn::options<double>, 2, 3, 1>>;
template struct optimizers<ctnn::network<784, 128, 10>>;

} // namespace kernels
