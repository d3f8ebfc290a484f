// The built-in layer kinds beyond dense (dropout, layer_norm, batch_norm): a training pass, its
// loss and every gradient against PyTorch (float64, figures from layer_reference.py in this
// folder); batch_norm's running statistics and eval-mode outputs against PyTorch; finite
// differences; dropout's masks; save/load, the cost report and the optimisers' hands-off running
// state.
#include <catch2/catch.hpp>

#include <array>
#include <cmath>
#include <cstddef>
#include <span>
#include <sstream>
#include <string>

#include <ctnn/bake.hpp>
#include <ctnn/ctnn.hpp>
#include <ctnn/gradient_check.hpp>
#include <ctnn/serialization.hpp>

namespace {

template <class Norm>
using norm_net = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                  ctnn::dense<4, ctnn::identity>, Norm,
                                  ctnn::dense<2, ctnn::identity>>;

// layer_reference.py's weights: W1 (3x4, in x out), b1, the norm's gain and shift, W2, b2.
template <class Net>
Net reference_network()
{
    Net net;
    net.template set_weights<0>({{0.5, -0.25, 0.75, 0.125},
                                 {-0.5, 1.0, 0.25, -0.75},
                                 {0.375, 0.625, -1.0, 0.5}});
    net.template set_bias<0>({0.1, -0.2, 0.3, 0.05});
    net.template set_block<1, Net::template block_index<1>("gain")>({1.5, 0.5, -0.75, 1.25});
    net.template set_block<1, Net::template block_index<1>("shift")>({0.25, -0.5, 0.125, 0.0});
    net.template set_weights<2>({{0.5, -1.0}, {0.25, 0.75}, {-0.625, 0.5}, {1.0, 0.125}});
    net.template set_bias<2>({-0.1, 0.2});
    return net;
}

constexpr ctnn::batch<double, 4, 3> reference_x{
    {{0.5, -1.0, 2.0}, {1.5, 0.25, -0.5}, {-1.0, 0.75, 0.125}, {0.0, 2.0, 1.0}}};
constexpr ctnn::batch<double, 4, 2> reference_t{
    {{1.0, 0.0}, {0.0, 1.0}, {0.5, 0.5}, {-1.0, 2.0}}};

// PyTorch's gradients are accumulated in another order: agreement to 1e-12, relative to the
// figure's size (they are of order 1), is agreement to a few ulp.
template <class Values, std::size_t N>
void require_close(const Values& got, const std::array<double, N>& expected)
{
    REQUIRE(got.size() == N);
    for (std::size_t k = 0; k < N; ++k) {
        CAPTURE(k, got[k], expected[k]);
        REQUIRE(std::fabs(got[k] - expected[k]) <= 1e-12 * std::fmax(1.0, std::fabs(expected[k])));
    }
}

template <class Net, class Expected>
void require_pass_matches(const Net& net, const ctnn::gradient<Net>& grad,
                          const ctnn::workspace<Net, 4>& ws, const Expected& e)
{
    std::array<double, 8> outputs{};
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t o = 0; o < 2; ++o)
            outputs[r * 2 + o] = ws.output(r)[o];
    require_close(outputs, e.output);
    require_close(std::span<const double, 12>(grad.template weights<0>().data(), 12), e.grad_w1);
    require_close(grad.template bias<0>(), e.grad_b1);
    require_close(grad.template block<1, 0>(), e.grad_gain);
    require_close(grad.template block<1, 1>(), e.grad_shift);
    require_close(std::span<const double, 8>(grad.template weights<2>().data(), 8), e.grad_w2);
    require_close(grad.template bias<2>(), e.grad_b2);
    (void)net;
}

struct reference_pass {
    std::array<double, 8> output;
    double loss;
    std::array<double, 12> grad_w1;
    std::array<double, 4> grad_b1;
    std::array<double, 4> grad_gain;
    std::array<double, 4> grad_shift;
    std::array<double, 8> grad_w2;
    std::array<double, 2> grad_b2;
};

// PyTorch 2.x, float64, train mode (layer_reference.py's output).
constexpr reference_pass layer_norm_pass{
    {0.9792633929244682, -1.0385410026445105, -0.26758090905269316, -1.6216433595138633,
     -1.4518619551202088, 1.5311335366787717, -1.5870108918557968, 1.0594174199705026},
    7.0629448538705555,
    {5.549824516399348, -1.2953913069207352, -2.6276306153743914, -1.6268025941042212,
     0.8618816206010244, -0.10870166407713283, 0.4041363351267818, -1.1573162916506727,
     0.7071026900200644, -0.6704041050615283, 1.2046074515874232, -1.2413060365459592},
    {3.6811362706520523, -1.63909624137452, 0.12538754390100365, -2.167427573178535},
    {2.4465375986273346, 1.4991718145467, -1.5288347371591284, 1.8923100101752892},
    {2.156038223956984, -3.3840226449078825, -0.017822725814405693, -3.2733945387928682},
    {2.114093957845369, -3.1517689750075633, -0.5978123927523187, 3.4547337705538275,
     -0.6147524658713466, 1.5203558419459078, 2.2421865277710333, 0.9856078795846228},
    {-2.82719036310423, -3.5696334055090992}};

constexpr reference_pass batch_norm_pass{
    {2.397692084345061, -2.1111549809267336, 0.40990919353056987, -1.914234457729073,
     -1.7440900649451727, 1.2558256589165626, -1.7760112129304588, 1.3195637797392445},
    10.871853018193889,
    {4.7583111476940925, -0.7149109971925471, 2.58100515696079, 2.52576657287002,
     2.392720113788308, -0.19849622925280383, -2.4743801995198464, 0.34463493753167973,
     -3.1538017651316963, 0.03164143886166551, 1.3171547224841262, -0.11440739142827172},
    // The bias before a batch normalisation has no effect: PyTorch's figures are rounding noise.
    {4.440892098500626e-16, 2.498001805406602e-16, -5.551115123125783e-17, 2.220446049250313e-16},
    {6.910056852949663, 1.9980137370714255, -0.9027969399464579, 3.8773030535826853},
    {4.343749999999999, -4.015625, -1.7171874999999992, -1.8312500000000007},
    {7.3845589718948945, -7.758743293477045, -0.8731220081522865, 4.300133160765046,
     0.09046044407652007, 1.0379740900153365, 5.272649390202537, -3.408164585793446},
    {-1.2125000000000008, -4.949999999999999}};

template <class Net>
double train_pass(const Net& net, ctnn::workspace<Net, 4>& ws, ctnn::gradient<Net>& grad)
{
    for (std::size_t r = 0; r < 4; ++r) {
        for (std::size_t i = 0; i < 3; ++i)
            ws.input(r)[i] = reference_x[r][i];
        for (std::size_t o = 0; o < 2; ++o)
            ws.target(r)[o] = reference_t[r][o];
    }
    return net.backprop(ws, 4, grad, ctnn::half_sum_squares{});
}

} // namespace

TEST_CASE("layer_norm: a training pass, its loss and every gradient are PyTorch's", "[layer]")
{
    using net_t = norm_net<ctnn::layer_norm>;
    const auto net = reference_network<net_t>();
    ctnn::workspace<net_t, 4> ws;
    ctnn::gradient<net_t> grad;
    const double loss = train_pass(net, ws, grad);
    REQUIRE(std::fabs(loss - layer_norm_pass.loss) <= 1e-12 * layer_norm_pass.loss);
    require_pass_matches(net, grad, ws, layer_norm_pass);

    // The same in inference (layer_norm has no mode), sample by sample.
    for (std::size_t r = 0; r < 4; ++r) {
        const auto y = net.forward(reference_x[r]);
        for (std::size_t o = 0; o < 2; ++o)
            REQUIRE(std::fabs(y[o] - layer_norm_pass.output[r * 2 + o]) <= 1e-12);
    }
}

TEST_CASE("batch_norm: a training pass with the batch's statistics is PyTorch's, then its "
          "running statistics and eval-mode outputs",
          "[layer]")
{
    using net_t = norm_net<ctnn::batch_norm>;
    auto net = reference_network<net_t>();
    static_assert(net_t::state_count == 8 && net_t::parameter_count == 16 + 8 + 10);
    // PyTorch starts the running mean at 0 and the running variance at 1; so does initialize().
    ctnn::initialize(net, ctnn::xavier_uniform{}, 1);
    net = [&] {
        auto fresh = reference_network<net_t>();
        for (std::size_t k = 0; k < 8; ++k)
            fresh.state()[k] = net.state()[k];
        return fresh;
    }();
    for (std::size_t k = 0; k < 4; ++k) {
        REQUIRE(net.block<1, 2>()[k] == 0.0); // running_mean
        REQUIRE(net.block<1, 3>()[k] == 1.0); // running_var
    }

    ctnn::workspace<net_t, 4> ws;
    ctnn::gradient<net_t> grad;
    const double loss = train_pass(net, ws, grad);
    REQUIRE(std::fabs(loss - batch_norm_pass.loss) <= 1e-12 * batch_norm_pass.loss);
    require_pass_matches(net, grad, ws, batch_norm_pass);
    for (double g : grad.state())
        REQUIRE(g == 0.0); // running state has no gradient

    // backprop() is const: the running statistics move only when told, after a step.
    REQUIRE(net.block<1, 2>()[0] == 0.0);
    net.update_running_state(ws, 4);
    require_close(net.block<1, 2>(), std::array<double, 4>{0.022109375000000007,
                                                           0.06476562500000001,
                                                           -0.004374999999999999,
                                                           0.003437500000000005});
    require_close(net.block<1, 3>(), std::array<double, 4>{1.0153055826822917,
                                                           1.0795308430989583,
                                                           1.1204427083333335, 1.05791015625});
    const std::array<double, 8> eval_output{
        2.543305787609373,  -1.9230207168244366, 0.7558436543836764, -2.1197615811508044,
        -1.5113254395592977, 1.0957476222528444, -1.5467408826797375, 1.228273179030157};
    const auto y = net.forward(reference_x);
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t o = 0; o < 2; ++o)
            REQUIRE(std::fabs(y[r][o] - eval_output[r * 2 + o]) <= 1e-12);
}

TEST_CASE("batch_norm: a batch of one keeps the running variance, as its unbiased variance "
          "does not exist",
          "[layer]")
{
    using net_t = norm_net<ctnn::batch_norm>;
    auto net = reference_network<net_t>();
    for (std::size_t k = 0; k < 4; ++k)
        net.block<1, 3>()[k] = 1.0;
    ctnn::workspace<net_t, 4> ws;
    ctnn::gradient<net_t> grad;
    for (std::size_t i = 0; i < 3; ++i)
        ws.input(0)[i] = reference_x[0][i];
    ws.target(0)[0] = ws.target(0)[1] = 0.0;
    const double loss = net.backprop(ws, 1, grad, ctnn::half_sum_squares{});
    REQUIRE(std::isfinite(loss));
    net.update_running_state(ws, 1);
    for (std::size_t k = 0; k < 4; ++k) {
        REQUIRE(net.block<1, 3>()[k] == 1.0);
        REQUIRE(std::isfinite(net.block<1, 2>()[k]));
    }
}

TEST_CASE("finite differences agree with backprop through every layer kind", "[layer][gradient]")
{
    using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                   ctnn::dense<5, ctnn::tanh>, ctnn::layer_norm,
                                   ctnn::dropout<1, 3>, ctnn::dense<4, ctnn::sigmoid>,
                                   ctnn::batch_norm, ctnn::dense<2, ctnn::identity>>;
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 21);
    // Gains and shifts away from 1 and 0, so that their gradients are not special.
    ctnn::random_engine rng(5);
    for (auto& v : net.values())
        v += 0.2 * (rng.uniform01<double>() - 0.5);
    const auto result = ctnn::check_gradient(net, reference_x, reference_t,
                                             ctnn::half_sum_squares{});
    INFO(result);
    REQUIRE(result.passed);
    REQUIRE(result.parameters_checked == net_t::parameter_count);

    // And a first layer of each kind, whose input needs no gradient.
    using first_norm = ctnn::sequential<ctnn::options<double>, ctnn::input<3>, ctnn::layer_norm,
                                        ctnn::batch_norm, ctnn::dense<2, ctnn::identity>>;
    first_norm net2;
    ctnn::initialize(net2, ctnn::xavier_uniform{}, 22);
    for (auto& v : net2.values())
        v += 0.2 * (rng.uniform01<double>() - 0.5);
    const auto result2 = ctnn::check_gradient(net2, reference_x, reference_t,
                                              ctnn::half_sum_squares{});
    INFO(result2);
    REQUIRE(result2.passed);
}

TEST_CASE("dropout: the identity when inferring; while training, p of the values dropped and "
          "the rest scaled by 1 / (1 - p), the same masks from the same seed",
          "[layer][dropout]")
{
    using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<64>, ctnn::dropout<1, 4>>;
    net_t net;
    std::array<float, 64> x{};
    for (std::size_t i = 0; i < 64; ++i)
        x[i] = 0.5f + static_cast<float>(i);
    REQUIRE(net.forward(x) == x);

    constexpr std::size_t batch = 64;
    ctnn::workspace<net_t, batch> ws;
    ws.seed(99);
    for (std::size_t r = 0; r < batch; ++r)
        for (std::size_t i = 0; i < 64; ++i)
            ws.input(r)[i] = x[i];
    net.forward(ws, batch, ctnn::training);
    std::size_t dropped = 0;
    for (std::size_t r = 0; r < batch; ++r)
        for (std::size_t i = 0; i < 64; ++i) {
            const float y = ws.output(r)[i];
            if (y == 0.0f)
                ++dropped;
            else
                REQUIRE(y == x[i] * (4.0f / 3.0f)); // 4/3 rounded once, then the product
        }
    // 4096 draws, p = 1/4: 1024 expected, standard deviation 27.7; 5 of them either side.
    CAPTURE(dropped);
    REQUIRE(dropped >= 1024 - 139);
    REQUIRE(dropped <= 1024 + 139);

    // The same seed gives the same masks; another seed others; the next pass others again.
    auto masks = [&](std::uint64_t seed, int passes) {
        ctnn::workspace<net_t, batch> w;
        w.seed(seed);
        for (std::size_t r = 0; r < batch; ++r)
            for (std::size_t i = 0; i < 64; ++i)
                w.input(r)[i] = 1.0f;
        std::array<bool, batch * 64> kept{};
        for (int p = 0; p < passes; ++p)
            net.forward(w, batch, ctnn::training);
        for (std::size_t r = 0; r < batch; ++r)
            for (std::size_t i = 0; i < 64; ++i)
                kept[r * 64 + i] = w.output(r)[i] != 0.0f;
        return kept;
    };
    REQUIRE(masks(7, 1) == masks(7, 1));
    REQUIRE(masks(7, 1) != masks(8, 1));
    REQUIRE(masks(7, 1) != masks(7, 2));

    // Dropping nothing is allowed; the probability must be below 1 (a compile-fail test).
    using none = ctnn::sequential<ctnn::options<float>, ctnn::input<8>, ctnn::dropout<0, 1>>;
    ctnn::workspace<none, 4> w0;
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t i = 0; i < 8; ++i)
            w0.input(r)[i] = 2.0f;
    none{}.forward(w0, 4, ctnn::training);
    for (std::size_t r = 0; r < 4; ++r)
        for (std::size_t i = 0; i < 8; ++i)
            REQUIRE(w0.output(r)[i] == 2.0f);
}

TEST_CASE("dropout: backprop passes the gradient through the kept units only, scaled",
          "[layer][dropout]")
{
    using net_t = ctnn::sequential<ctnn::options<double, ctnn::identity>, ctnn::input<2>,
                                   ctnn::dense<16>, ctnn::dropout<1, 2>, ctnn::dense<1>>;
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 3);
    ctnn::workspace<net_t, 1> ws;
    ws.seed(4);
    ws.input(0)[0] = 1.0;
    ws.input(0)[1] = -0.5;
    ws.target(0)[0] = 3.0;
    ctnn::gradient<net_t> grad;
    net.backprop(ws, 1, grad, ctnn::half_sum_squares{});
    // d(loss)/d(w2[u]) = (y - t) * mask[u] * h[u]: zero exactly for the dropped units, and the
    // first layer's gradient for unit u vanishes with it.
    const double y = ws.output(0)[0];
    std::size_t dropped = 0;
    for (std::size_t u = 0; u < 16; ++u) {
        double h = net.bias<0>()[u];
        h += 1.0 * net.weights<0>()(0, u) - 0.5 * net.weights<0>()(1, u);
        const double g = grad.weights<2>()(u, 0);
        if (g == 0.0) {
            ++dropped;
            REQUIRE(grad.weights<0>()(0, u) == 0.0);
            REQUIRE(grad.bias<0>()[u] == 0.0);
        }
        else {
            REQUIRE(std::fabs(g - (y - 3.0) * 2.0 * h) <= 1e-12);
        }
    }
    REQUIRE(dropped > 0);
    REQUIRE(dropped < 16);
}

TEST_CASE("layer kinds save and load in both formats with their running state, bit for bit",
          "[layer][serialization]")
{
    using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<3>, ctnn::dense<4>,
                                   ctnn::layer_norm, ctnn::dropout<1, 5>, ctnn::batch_norm,
                                   ctnn::dense<2, ctnn::identity>>;
    net_t net;
    ctnn::initialize(net, ctnn::he_normal{}, 8);
    for (std::size_t k = 0; k < net_t::state_count; ++k)
        net.state()[k] = 0.25f + static_cast<float>(k) / 3.0f;
    for (auto how : {ctnn::format::binary, ctnn::format::text}) {
        std::stringstream file;
        REQUIRE(ctnn::save(net, file, how));
        net_t back;
        REQUIRE(ctnn::load(back, file));
        REQUIRE(back == net);
        REQUIRE(back.state()[7] == net.state()[7]);
    }
    std::stringstream text;
    REQUIRE(ctnn::save(net, text, ctnn::format::text));
    const std::string s = text.str();
    REQUIRE(s.find("network float 3-4-4-4-4-2 sigmoid/bias layer_norm dropout(1/5) batch_norm "
                   "identity/bias\n") != std::string::npos);
    REQUIRE(s.find("layer 3 running_var 4\n") != std::string::npos);

    // A file of another layer kind at the same widths is refused, and nothing changes.
    using other = ctnn::sequential<ctnn::options<float>, ctnn::input<3>, ctnn::dense<4>,
                                   ctnn::layer_norm, ctnn::dropout<1, 4>, ctnn::batch_norm,
                                   ctnn::dense<2, ctnn::identity>>;
    other target;
    ctnn::initialize(target, ctnn::he_normal{}, 9);
    const other before = target;
    std::stringstream again(s);
    const auto r = ctnn::load(target, again);
    REQUIRE(r.error() == ctnn::io_error::type_mismatch);
    REQUIRE(target == before);
}

TEST_CASE("bake spells every layer kind and writes its running state", "[layer][bake]")
{
    using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<2>, ctnn::dense<3>,
                                   ctnn::layer_norm, ctnn::dropout<1, 10>, ctnn::batch_norm,
                                   ctnn::dense<1>>;
    REQUIRE(ctnn::network_source<net_t>() ==
            "ctnn::sequential<ctnn::options<double>, ctnn::input<2>, ctnn::dense<3>, "
            "ctnn::layer_norm, ctnn::dropout<1, 10>, ctnn::batch_norm, ctnn::dense<1>>");
    net_t net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 2);
    std::ostringstream out;
    ctnn::bake(net, out);
    const std::string s = out.str();
    REQUIRE(s.find("net.set_block<1, 0>({0x1p+0, 0x1p+0, 0x1p+0}); // layer 1 gain\n") !=
            std::string::npos);
    REQUIRE(s.find("net.set_block<3, 3>({0x1p+0, 0x1p+0, 0x1p+0}); // layer 3 running_var\n") !=
            std::string::npos);
}

TEST_CASE("the cost report sums what each layer kind declares", "[layer][cost]")
{
    using net_t = ctnn::sequential<ctnn::options<float>, ctnn::input<8>, ctnn::dense<16>,
                                   ctnn::layer_norm, ctnn::dropout<>, ctnn::batch_norm,
                                   ctnn::dense<1>>;
    using c = ctnn::cost<net_t>;
    // dense 8x16: 2*8*16 + 16; layer_norm 7 a unit; dropout 0; batch_norm 4 a unit; dense 16x1.
    static_assert(c::forward_flops == (2 * 8 * 16 + 16) + 7 * 16 + 0 + 4 * 16 + (2 * 16 + 1));
    // Sigmoids (16 + 1), layer_norm's square root, batch_norm's 16.
    static_assert(net_t::transcendentals_per_sample == 17 + 1 + 16);
    // Trained: 8*16 + 16, gain and shift twice, 16 + 1; running state 2 * 16.
    static_assert(c::parameter_count == 144 + 32 + 32 + 17);
    static_assert(net_t::state_count == 32);
    static_assert(c::layer_parameter_counts == std::array<std::size_t, 5>{144, 32, 0, 32, 17});
    static_assert(sizeof(net_t) == net_t::byte_size &&
                  net_t::byte_size == (225 + 32) * 4 / 64 * 64 + 64);
    SUCCEED();
}

TEST_CASE("no optimiser touches running state, even with weight decay", "[layer][optimizer]")
{
    using net_t = norm_net<ctnn::batch_norm>;
    auto net = reference_network<net_t>();
    for (std::size_t k = 0; k < net_t::state_count; ++k)
        net.state()[k] = 0.5 + static_cast<double>(k);
    const auto state_before = net.state();
    std::array<double, net_t::state_count> saved{};
    for (std::size_t k = 0; k < saved.size(); ++k)
        saved[k] = state_before[k];
    ctnn::workspace<net_t, 4> ws;
    ctnn::gradient<net_t> grad;
    train_pass(net, ws, grad);
    ctnn::adamw opt{.learning_rate = 0.1, .beta1 = 0.9, .beta2 = 0.999, .epsilon = 1e-8,
                    .weight_decay = 0.5};
    ctnn::optimizer_state<ctnn::adamw, net_t> state{};
    const auto trained_before = net.values()[0];
    opt.step(net, grad, state, 0.1);
    REQUIRE(net.values()[0] != trained_before);
    for (std::size_t k = 0; k < saved.size(); ++k)
        REQUIRE(net.state()[k] == saved[k]);
}

TEST_CASE("fit and the trainer train networks of every layer kind and move batch statistics",
          "[layer][train]")
{
    using net_t = ctnn::sequential<ctnn::options<double>, ctnn::input<3>,
                                   ctnn::dense<8, ctnn::relu>, ctnn::batch_norm,
                                   ctnn::dropout<1, 10>, ctnn::dense<8, ctnn::tanh>,
                                   ctnn::layer_norm, ctnn::dense<2, ctnn::identity>>;
    net_t net;
    ctnn::initialize(net, ctnn::he_uniform{}, 4);
    ctnn::gradient<net_t> grad;
    const double first = net.backprop(reference_x, reference_t, grad, ctnn::half_sum_squares{});
    const auto result = ctnn::fit(net, reference_x, reference_t, ctnn::half_sum_squares{},
                                  ctnn::adam{.learning_rate = 0.01}, 300);
    REQUIRE(result.stop == ctnn::training_stop::none);
    CAPTURE(first, result.loss);
    REQUIRE(result.loss < 0.25 * first);
    // The running mean moved from 0 towards the batch means: 300 steps of momentum 0.1.
    double moved = 0;
    for (double m : net.block<1, 2>())
        moved += std::fabs(m);
    REQUIRE(moved > 0.1);

    // The trainer: the same seed, the same run (shuffling and dropout masks).
    const ctnn::dataset<double, 3, 2> data(reference_x, reference_t);
    auto run = [&](std::uint64_t seed) {
        net_t n;
        ctnn::initialize(n, ctnn::he_uniform{}, 4);
        ctnn::trainer<net_t, ctnn::half_sum_squares, ctnn::adam, 2> t(
            ctnn::adam{.learning_rate = 0.01}, {}, {.seed = seed});
        const auto r = t.fit(n, data, 50);
        REQUIRE(r.stop == ctnn::training_stop::none);
        return n;
    };
    REQUIRE(run(3) == run(3));
    REQUIRE(!(run(3) == run(4)));
}
