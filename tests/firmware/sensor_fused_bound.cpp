// tests/firmware/sensor_fused_bound.cpp: how far the Cortex-M4F's sensor_inference may be from the
// host's when GCC fuses multiply-adds (its default, -ffp-contract=fast), worked out from the
// baked weights and the readings by the standard error bounds, independently of either run.
// Prints the largest bound, in units in the last place of a probability, and with an argument N
// (the FUSED_COMPARE ulps:N committed in examples/firmware/programs.cmake) fails unless N covers
// it without being more than twice as loose.
//
// Float, u = 2^-24, gamma(n) = n u / (1 - n u). Both builds compute every sum in the same order
// (bias, then inputs 0, 1, ...); the fused one rounds some products into the following add. Each
// is within gamma(n) * (sum of the terms' magnitudes) of the exact sum of its own inputs
// (Higham, "Accuracy and Stability of Numerical Algorithms", 3.1; a fused multiply-add only
// removes roundings), so for a hidden unit j with H_j = |b_j| + sum_i |x_i w_ij| the two differ by
// at most 2 gamma(3) H_j (relu cannot widen it), and for a logit k with
// Z_k = |c_k| + sum_j |h_j v_jk| by dz_k = 2 gamma(9) Z_k + sum_j |v_jk| 2 gamma(3) H_j.
// Softmax: p_k = exp(a_k) / sum_j exp(a_j), a_k = z_k - max z, so ln p_k moves by at most
// |da_k| + max_j |da_j|, with |da_k| <= dz_k + dz_max + 2 u |a_k| (the subtraction's rounding on
// each side); each exp is within 1 ulp (2u relative) of the exact value on each side (the
// polynomial, README "The exponential is a policy type"), the sum of three adds 2 gamma(2) and
// the division 2u. The relative bound R_k times 2^24 bounds the distance in ulps (a float p has
// p / ulp(p) < 2^24).
#include "climate.hpp"
#include "sensor_net.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>

int main(int argc, char** argv)
{
    // sensor_inference.cpp's readings.
    constexpr std::array<std::array<float, 2>, 8> readings{{{15.5f, 40.0f}, {19.0f, 35.0f},
                                                            {21.5f, 55.0f}, {24.0f, 50.0f},
                                                            {24.5f, 75.0f}, {27.5f, 30.0f},
                                                            {31.0f, 65.0f}, {20.0f, 85.0f}}};
    const double u = std::ldexp(1.0, -24);
    const auto gamma = [u](double n) { return n * u / (1 - n * u); };
    const auto& net = climate::sensor_net;
    const auto w = net.block<0, 0>(); // 2 x 8, one row per input
    const auto b = net.block<0, 1>();
    const auto v = net.block<1, 0>(); // 8 x 3
    const auto c = net.block<1, 1>();
    double worst = 0;
    for (const auto& reading : readings) {
        const std::array<float, 2> x = climate::scale(reading[0], reading[1]);
        std::array<double, 8> h{}, dh{};
        for (std::size_t j = 0; j < 8; ++j) {
            double z = b[j], magnitude = std::abs(b[j]);
            for (std::size_t i = 0; i < 2; ++i) {
                z += double(x[i]) * w[i * 8 + j];
                magnitude += std::abs(double(x[i]) * w[i * 8 + j]);
            }
            h[j] = std::max(z, 0.0);
            dh[j] = 2 * gamma(3) * magnitude;
        }
        std::array<double, 3> z{}, dz{};
        for (std::size_t k = 0; k < 3; ++k) {
            double sum = c[k], magnitude = std::abs(c[k]), propagated = 0;
            for (std::size_t j = 0; j < 8; ++j) {
                sum += h[j] * v[j * 3 + k];
                magnitude += std::abs(h[j] * v[j * 3 + k]) + dh[j] * std::abs(v[j * 3 + k]);
                propagated += std::abs(v[j * 3 + k]) * dh[j];
            }
            z[k] = sum;
            dz[k] = 2 * gamma(9) * magnitude + propagated;
        }
        const double top = *std::max_element(z.begin(), z.end());
        const double dz_top = dz[static_cast<std::size_t>(std::max_element(z.begin(), z.end()) - z.begin())];
        std::array<double, 3> da{};
        for (std::size_t k = 0; k < 3; ++k)
            da[k] = dz[k] + dz_top + 2 * u * std::abs(z[k] - top);
        const double da_max = *std::max_element(da.begin(), da.end());
        for (std::size_t k = 0; k < 3; ++k) {
            const double relative = da[k] + da_max + 2 * (2 * u) + 2 * gamma(2) + 2 * u;
            worst = std::max(worst, relative * std::ldexp(1.0, 24));
        }
    }
    const double bound = std::ceil(worst);
    std::printf("largest bound: %.0f ulps\n", bound);
    if (argc < 2)
        return 0;
    const double committed = std::atof(argv[1]);
    if (committed < bound || committed > 2 * bound) {
        std::printf("the committed bound, %g ulps, should cover %.0f ulps and be at most twice "
                    "that: update FUSED_COMPARE in examples/firmware/programs.cmake\n",
                    committed, bound);
        return 1;
    }
    return 0;
}
