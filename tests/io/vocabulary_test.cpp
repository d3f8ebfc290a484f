// load_error and labelled_data, the two types every loader shares.
#include <ctnn/io/labelled_data.hpp>
#include <ctnn/io/load_error.hpp>

#include <catch2/catch.hpp>

#include <array>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <type_traits>

TEST_CASE("load_error: what() is the file, a colon and the problem", "[io]")
{
    const std::filesystem::path file = "data/iris.csv";
    const std::string problem = "line 7: expected 5 fields (4 features and a label), found 4";
    const ctnn::io::load_error error(file, problem);
    CHECK(std::string(error.what()) ==
          "data/iris.csv: line 7: expected 5 fields (4 features and a label), found 4");
    CHECK(error.file() == file);
    CHECK(error.problem() == problem);

    // Callers that catch the standard exceptions still see it.
    try {
        throw error;
    } catch (const std::runtime_error& as_runtime_error) {
        CHECK(std::string(as_runtime_error.what()) == error.what());
    }
}

TEST_CASE("labelled_data: size() counts the samples; a default one is empty", "[io]")
{
    ctnn::io::labelled_data<3> data;
    CHECK(data.size() == 0);
    CHECK(data.class_count == 0);
    CHECK(data.class_names.empty());
    data.features.push_back({1.0f, 2.0f, 3.0f});
    data.labels.push_back(1);
    CHECK(data.size() == 1);
    static_assert(std::is_same_v<decltype(data.features)::value_type, std::array<float, 3>>);
}
