// The reports as hana::Structs (ctnn/hana.hpp): each one's keys are its field names in declared
// order, and one generic writer (hana::keys and hana::at_key, no per-field code) logs every one
// of them as a JSON object or a CSV line, nested reports and enums included.
#include <catch2/catch.hpp>

#include <array>
#include <cstddef>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include <ctnn/ctnn.hpp>
#include <ctnn/hana.hpp>

namespace hana = boost::hana;

namespace {

using net_t = ctnn::network<2, 3, 1>;

// The keys of S, as strings.
template <class S>
std::vector<std::string> keys_of()
{
    std::vector<std::string> names;
    hana::for_each(hana::accessors<S>(), [&](auto field) {
        names.emplace_back(hana::to<const char*>(hana::first(field)));
    });
    return names;
}

template <class T>
inline constexpr bool is_std_array = false;
template <class T, std::size_t N>
inline constexpr bool is_std_array<std::array<T, N>> = true;

// One value as JSON text: a Struct as an object (a fold over its accessors, each a pair of the
// field's name and a function reading it), an enum by its name, an array as a list.
template <class T>
std::string json(const T& value)
{
    if constexpr (hana::Struct<T>::value) {
        const std::string fields = hana::fold_left(
            hana::accessors<T>(), std::string{}, [&](std::string text, auto field) {
                text += text.empty() ? "\"" : ",\"";
                return text + hana::to<const char*>(hana::first(field)) +
                       "\":" + json(hana::second(field)(value));
            });
        return "{" + fields + "}";
    }
    else if constexpr (std::is_enum_v<T>)
        return std::string("\"").append(ctnn::hana::enum_name(value)).append("\"");
    else if constexpr (is_std_array<T>) {
        std::string list;
        for (const auto& element : value)
            list.append(list.empty() ? "" : ",").append(json(element));
        return "[" + list + "]";
    }
    else {
        std::ostringstream text;
        text << std::boolalpha << value;
        return text.str();
    }
}

// A Struct as a CSV header and one line: nested Structs flattened into "outer.inner" columns.
template <class S>
void csv_columns(const S& report, const std::string& prefix, std::string& header,
                 std::string& line)
{
    hana::for_each(hana::accessors<S>(), [&](auto field) {
        const std::string name = prefix + hana::to<const char*>(hana::first(field));
        const auto& member = hana::second(field)(report);
        if constexpr (hana::Struct<std::remove_cvref_t<decltype(member)>>::value)
            csv_columns(member, name + ".", header, line);
        else {
            header.append(header.empty() ? "" : ",").append(name);
            line.append(line.empty() ? "" : ",").append(json(member));
        }
    });
}
template <class S>
std::string csv(const S& report)
{
    std::string header;
    std::string line;
    csv_columns(report, "", header, line);
    return header + '\n' + line;
}

} // namespace

static_assert(hana::Struct<ctnn::cost<net_t>>::value);
static_assert(hana::Struct<ctnn::evaluation<float>>::value);
static_assert(hana::Struct<ctnn::training_result<double>>::value);
static_assert(hana::Struct<ctnn::epoch_report<float>>::value);
static_assert(hana::Struct<ctnn::training_report<net_t>>::value);
static_assert(hana::length(hana::keys(ctnn::evaluation<float>{})) == hana::size_c<3>);
static_assert(hana::at_key(ctnn::cost<net_t>{}, BOOST_HANA_STRING("parameter_count")) == 13);
static_assert(hana::members(ctnn::epoch_report<double>{7, 0.5}) ==
              hana::make_tuple(std::size_t{7}, 0.5));

TEST_CASE("the keys of each adapted report are its field names, in declared order")
{
    using names = std::vector<std::string>;
    CHECK(keys_of<ctnn::evaluation<float>>() == names{"loss", "accuracy", "samples"});
    CHECK(keys_of<ctnn::training_result<float>>() ==
          names{"epochs", "loss", "stop", "stop_epoch", "stop_batch"});
    CHECK(keys_of<ctnn::epoch_report<double>>() == names{"epoch", "loss"});
    CHECK(keys_of<ctnn::training_report<net_t>>() ==
          names{"event", "epoch", "epochs", "batch", "batches", "samples", "dataset_size",
                "batch_loss", "loss", "accuracy", "learning_rate", "seconds", "epoch_seconds",
                "has_validation", "validation"});
    CHECK(keys_of<ctnn::cost<net_t>>() ==
          names{"parameter_count", "layer_parameter_counts", "forward_flops",
                "backward_flops_per_sample", "transcendentals_per_sample", "inline_bytes",
                "gradient_bytes", "forward_scratch_bytes"});
}

TEST_CASE("a generic JSON writer logs an evaluation, a training result and a cost report")
{
    CHECK(json(ctnn::evaluation<float>{0.25f, 0.75, 40}) ==
          R"({"loss":0.25,"accuracy":0.75,"samples":40})");
    const ctnn::training_result<double> result{
        .epochs = 12, .loss = 0.5, .stop = ctnn::training_stop::non_finite, .stop_epoch = 13,
        .stop_batch = 2};
    CHECK(json(result) ==
          R"({"epochs":12,"loss":0.5,"stop":"non_finite","stop_epoch":13,"stop_batch":2})");
    using cost = ctnn::cost<net_t>;
    CHECK(json(cost{}) ==
          "{\"parameter_count\":13,\"layer_parameter_counts\":[9,4],\"forward_flops\":" +
              std::to_string(cost::forward_flops) + ",\"backward_flops_per_sample\":" +
              std::to_string(cost::backward_flops_per_sample) +
              ",\"transcendentals_per_sample\":4,\"inline_bytes\":64,\"gradient_bytes\":64," +
              "\"forward_scratch_bytes\":" + std::to_string(cost::forward_scratch_bytes) + "}");
    CHECK(cost::forward_flops == 2 * 2 * 3 + 3 + 2 * 3 * 1 + 1);
}

TEST_CASE("a generic writer logs a training report, its nested evaluation included, as JSON and "
          "as CSV")
{
    const ctnn::training_report<net_t> report{.event = ctnn::training_event::epoch_end,
                                              .epoch = 3,
                                              .epochs = 10,
                                              .batch = 4,
                                              .batches = 4,
                                              .samples = 100,
                                              .dataset_size = 100,
                                              .batch_loss = 0.125f,
                                              .loss = 0.25f,
                                              .accuracy = 0.5,
                                              .learning_rate = 0.01,
                                              .seconds = 1.5,
                                              .epoch_seconds = 0.5,
                                              .has_validation = true,
                                              .validation = {0.375f, 0.875, 20},
                                              .network = nullptr};
    CHECK(json(report) ==
          R"({"event":"epoch_end","epoch":3,"epochs":10,"batch":4,"batches":4,"samples":100,)"
          R"("dataset_size":100,"batch_loss":0.125,"loss":0.25,"accuracy":0.5,)"
          R"("learning_rate":0.01,"seconds":1.5,"epoch_seconds":0.5,"has_validation":true,)"
          R"("validation":{"loss":0.375,"accuracy":0.875,"samples":20}})");
    CHECK(csv(report) ==
          "event,epoch,epochs,batch,batches,samples,dataset_size,batch_loss,loss,accuracy,"
          "learning_rate,seconds,epoch_seconds,has_validation,validation.loss,"
          "validation.accuracy,validation.samples\n"
          "\"epoch_end\",3,10,4,4,100,100,0.125,0.25,0.5,0.01,1.5,0.5,true,0.375,0.875,20");
}

TEST_CASE("a trainer's callback logs every epoch generically")
{
    using classifier = ctnn::sequential<ctnn::options<float>, ctnn::input<2>,
                                        ctnn::dense<2, ctnn::softmax>>;
    const std::array<std::array<float, 2>, 2> inputs{{{0.f, 1.f}, {1.f, 0.f}}};
    const std::array<std::size_t, 2> labels{1, 0};
    const ctnn::dataset<float, 2, 2> data(inputs, labels);
    classifier net;
    ctnn::initialize(net, ctnn::xavier_uniform{}, 5);
    ctnn::trainer<classifier, ctnn::categorical_cross_entropy, ctnn::sgd, 2> train(
        ctnn::sgd{0.1});
    std::vector<std::string> lines;
    const auto result = train.fit(net, data, 3, [&](const ctnn::training_report<classifier>& r) {
        if (r.event == ctnn::training_event::epoch_end)
            lines.push_back(json(ctnn::epoch_report<float>{r.epoch, r.loss}));
    });
    REQUIRE(lines.size() == 3);
    CHECK(lines[2].rfind(R"({"epoch":3,"loss":)", 0) == 0);
    CHECK(json(result).rfind(R"({"epochs":3,"loss":)", 0) == 0);
}
