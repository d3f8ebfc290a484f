// bench/activation_kind.hpp: `activation_kind`, how a benchmark case names the activation of its
// hidden layers and of its output layer, so that ctnn (cases.hpp maps it to ctnn's type), the
// Eigen baseline (eigen_net.hpp) and the naive one (naive.hpp) compute the same function. It does
// not include ctnn: the baselines stay independent codes.
#pragma once

namespace bench {

// The maths each kind stands for, with the derivative every implementation takes, as ctnn's
// activations do, from the stored activation a or the stored pre-activation z:
//   sigmoid    a = 1 / (1 + exp(-z))                       a (1 - a)
//   tanh       a = tanh(z)                                  1 - a^2
//   elu        a = z for z > 0, alpha (exp(z) - 1) else     1 for z > 0, a + alpha else
//   softplus   a = log(1 + exp(z))                          1 / (1 + exp(-z)), the sigmoid of z
//   identity   a = z                                        1
enum class activation_kind { sigmoid, tanh, elu, softplus, identity };

// The elu cases' alpha: ctnn::elu<>'s default (cases.hpp checks that they agree).
inline constexpr double elu_alpha = 1.0;

} // namespace bench
