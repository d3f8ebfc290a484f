// ctnn/io/csv.hpp: `read_csv`, which reads a labelled data set from a CSV file whose rows are
// "f1,...,fFeatures,label", optionally gzip-compressed (a name ending in .gz is read through zlib).
//
//   const auto iris = ctnn::io::read_csv<4>("examples/data/iris.csv");
//   // iris.size() == 150, iris.features[0] == {5.1f, 3.5f, 1.4f, 0.2f}, iris.labels[0] == 0,
//   // iris.class_names == {"setosa", "versicolor", "virginica"}
//
// The first row may be a header "n_samples,n_features,class names..." (scikit-learn's layout);
// by default it is recognised by its shape: exactly 2 + k fields, the first two integers and the
// other k non-numeric (csv_options says otherwise when a file needs it). Given a header, the file
// must agree with it: n_features == Features, n_samples rows, labels < k when k > 0. Without
// one, class_count is 1 + the largest label.
//
// Numbers are parsed with std::from_chars (the same in every locale). CRLF line ends, a missing
// final newline, blanks around fields and blank lines at the end are accepted. Anything else
// wrong is a load_error whose message names the file, the line and, for a value, the column:
//   "data/iris.csv: line 7: expected 5 fields (4 features and a label), found 4"
// A message quotes at most the first 40 bytes of a field or line, with its length when cut:
//   "line 2, column 1: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..." (52428800 bytes) is not a
//    number"
//
// Bounds: at most csv_options::max_bytes bytes of text, decompressed (default_max_bytes, 1 GiB;
// see ctnn/io/gzip.hpp; regular files only); labels at most csv_options::max_label (65535), so
// class_count is at most 65536, and at most max_label + 1 class names in a header. Memory: the
// text, and the data set: Features * sizeof(T) + 8 bytes a row (vectors that grow by doubling),
// a row being at least 2 * (Features + 1) bytes of text; past Features + 1, a line's fields are
// counted, not kept, however many commas it holds.
#pragma once

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include <ctnn/io/gzip.hpp>
#include <ctnn/io/labelled_data.hpp>
#include <ctnn/io/load_error.hpp>

namespace ctnn::io {

struct csv_options {
    // automatic: a first row shaped like a header is one; present: the first row must be one
    // (its class names may then look numeric); absent: the first row is data.
    enum class header_mode { automatic, present, absent } header = header_mode::automatic;
    // The most bytes of text read_csv reads, after decompression; a longer file is a load_error.
    std::size_t max_bytes = default_max_bytes;
    // The largest label accepted (a larger one is a load_error naming its line and column), so
    // that class_count = 1 + the largest label stays a size a caller can allocate for.
    std::size_t max_label = 65535;
};

namespace detail {

inline std::string_view trim_blanks(std::string_view s) noexcept
{
    const auto blank = [](char c) { return c == ' ' || c == '\t'; };
    while (!s.empty() && blank(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && blank(s.back()))
        s.remove_suffix(1);
    return s;
}

// Splits `line` at its commas into `fields`, keeping at most `max_fields` of them (a line of
// millions of commas must not make millions of views); returns how many fields the line has.
inline std::size_t split_fields(std::string_view line, std::vector<std::string_view>& fields,
                                std::size_t max_fields)
{
    fields.clear();
    for (;;) {
        // The rest is counted only: one field, and one more after each comma.
        if (fields.size() == max_fields)
            return fields.size() + 1 +
                   static_cast<std::size_t>(std::count(line.begin(), line.end(), ','));
        const std::size_t comma = line.find(',');
        fields.push_back(trim_blanks(line.substr(0, comma)));
        if (comma == std::string_view::npos)
            return fields.size();
        line.remove_prefix(comma + 1);
    }
}

template <class T>
constexpr const char* scalar_name() noexcept
{
    if constexpr (std::same_as<T, float>)
        return "float";
    else if constexpr (std::same_as<T, double>)
        return "double";
    else
        return "long double";
}

enum class number_status { ok, empty, not_a_number, not_finite, out_of_range };

template <std::floating_point T>
number_status parse_number(std::string_view text, T& value)
{
    if (text.empty())
        return number_status::empty;
    // from_chars refuses a leading '+', which some writers emit.
    if (text.size() > 1 && text[0] == '+' && text[1] != '+' && text[1] != '-')
        text.remove_prefix(1);
    const char* const first = text.data();
    const char* const last = first + text.size();
    T parsed{};
    const auto [end, error] = std::from_chars(first, last, parsed);
    if (error == std::errc::invalid_argument || end != last)
        return number_status::not_a_number;
    if (error == std::errc::result_out_of_range) {
        // Too small for T rounds to a subnormal or zero, as the same literal in code would; too
        // large for T is an error (from_chars reports both as out of range).
        long double wide = 0;
        const auto [wide_end, wide_error] = std::from_chars(first, last, wide);
        if (wide_error == std::errc{} && wide_end == last && std::fabs(wide) < 1) {
            value = static_cast<T>(wide);
            return number_status::ok;
        }
        return number_status::out_of_range;
    }
    if (!std::isfinite(parsed))
        return number_status::not_finite;
    value = parsed;
    return number_status::ok;
}

inline bool parse_count(std::string_view text, std::size_t& value) noexcept
{
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    return error == std::errc{} && end == text.data() + text.size() && !text.empty();
}

enum class label_status { ok, empty, not_a_number, negative, not_an_integer, too_large };

inline label_status parse_label(std::string_view text, std::size_t& label)
{
    if (text.empty())
        return label_status::empty;
    std::string_view digits = text;
    if (digits.size() > 1 && digits[0] == '+')
        digits.remove_prefix(1);
    const char* const last = digits.data() + digits.size();
    const auto [end, error] = std::from_chars(digits.data(), last, label);
    if (end == last && error == std::errc{})
        return label_status::ok;
    if (end == last && error == std::errc::result_out_of_range)
        return label_status::too_large;
    // Not plain digits. "2.0", as written by tools that store every column as floating point, is
    // still the integer 2; "-1", "1.5" and names are refused with a message saying which.
    double value = 0;
    switch (parse_number(text, value)) {
    case number_status::ok:
        break;
    case number_status::out_of_range:
        return text.front() == '-' ? label_status::negative : label_status::too_large;
    case number_status::not_finite:
        return label_status::not_an_integer;
    default:
        return label_status::not_a_number;
    }
    if (value < 0)
        return label_status::negative;
    if (value != std::floor(value))
        return label_status::not_an_integer;
    if (value >= 0x1p64)
        return label_status::too_large;
    label = static_cast<std::size_t>(value);
    return label_status::ok;
}

// A scikit-learn header: "n_samples,n_features" and k >= 1 class names that are not numbers.
// (k = 0 would make "150,4" a header or a one-feature row; such a file needs header_mode::present.)
inline bool looks_like_header(const std::vector<std::string_view>& fields)
{
    std::size_t count = 0;
    if (fields.size() < 3 || !parse_count(fields[0], count) || !parse_count(fields[1], count))
        return false;
    return std::all_of(fields.begin() + 2, fields.end(), [](std::string_view name) {
        double value = 0;
        const number_status status = parse_number(name, value);
        return status == number_status::not_a_number;
    });
}

// `text` in double quotes for a message: whole when short, else its first 40 bytes (cut before a
// UTF-8 character's continuation bytes), "..." and its length.
inline std::string quoted(std::string_view text)
{
    constexpr std::size_t shown = 40;
    if (text.size() <= shown)
        return '"' + std::string(text) + '"';
    std::size_t cut = shown;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
        --cut;
    return '"' + std::string(text.substr(0, cut)) + "...\" (" + std::to_string(text.size()) +
           " bytes)";
}

inline std::string at_line(std::size_t line) { return "line " + std::to_string(line) + ": "; }

inline std::string at_field(std::size_t line, std::size_t column)
{
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": ";
}

inline constexpr const char* header_shape = "\"n_samples,n_features,class names...\"";

template <class T>
std::string feature_problem(number_status status, std::string_view text, std::size_t line,
                            std::size_t column, csv_options::header_mode header)
{
    const std::string where = at_field(line, column);
    switch (status) {
    case number_status::empty:
        return where + "empty field; expected a number";
    case number_status::not_finite:
        return where + quoted(text) + " is not a finite number";
    case number_status::out_of_range:
        return where + quoted(text) + " is out of range for " + scalar_name<T>();
    default:
        break;
    }
    std::string problem = where + quoted(text) + " is not a number";
    // The likeliest cause on line 1 is a header of another shape, such as column names.
    if (line == 1 && header == csv_options::header_mode::automatic)
        problem += std::string(" (a header row must read ") + header_shape + ")";
    return problem;
}

// "label 70000 is too large; the largest label read_csv accepts is 65535 (csv_options::max_label)"
inline std::string label_too_large(std::string_view label, std::size_t max_label)
{
    return "label " + std::string(label) + " is too large; the largest label read_csv accepts is " +
           std::to_string(max_label) + " (csv_options::max_label)";
}

inline std::string label_problem(label_status status, std::string_view text, std::size_t line,
                                 std::size_t column, std::size_t max_label)
{
    const std::string where = at_field(line, column);
    const std::string rule = "; labels are class indices 0, 1, 2, ...";
    switch (status) {
    case label_status::empty:
        return where + "empty label" + rule;
    case label_status::negative:
        return where + "label " + quoted(text) + " is negative" + rule;
    case label_status::not_an_integer:
        return where + "label " + quoted(text) + " is not an integer" + rule;
    case label_status::too_large:
        return where + label_too_large(quoted(text), max_label);
    default:
        return where + "label " + quoted(text) + " is not a number" + rule;
    }
}

template <std::size_t Features, class T>
labelled_data<Features, T> parse_csv(std::string_view text, const std::filesystem::path& file,
                                     csv_options options)
{
    using header_mode = csv_options::header_mode;
    constexpr std::size_t expected_fields = Features + 1;
    const std::string field_count_rule =
        "expected " + std::to_string(expected_fields) + " fields (" + std::to_string(Features) +
        (Features == 1 ? " feature" : " features") + " and a label), found ";

    if (text.empty())
        throw load_error(file, "file is empty");
    // A UTF-8 byte order mark, as some spreadsheet programs write, is not part of the first field.
    if (text.starts_with("\xEF\xBB\xBF"))
        text.remove_prefix(3);

    // class_count = largest label + 1 must not wrap.
    const std::size_t max_label = std::min(options.max_label, SIZE_MAX - 1);
    // A header holds the two counts and at most max_label + 1 class names.
    const std::size_t max_header_fields =
        max_label > SIZE_MAX - 4 ? SIZE_MAX : std::max(expected_fields, max_label + 3);

    labelled_data<Features, T> data;
    std::vector<std::string_view> fields;
    bool first_row = true;
    bool has_header = false;
    std::size_t header_samples = 0;
    std::size_t largest_label = 0;
    std::size_t line_number = 0;
    std::size_t pending_blank_line = 0; // the first blank line since the last row, if any

    std::size_t pos = 0;
    while (pos < text.size()) {
        const std::size_t newline = text.find('\n', pos);
        std::string_view line = text.substr(pos, newline == std::string_view::npos
                                                      ? std::string_view::npos
                                                      : newline - pos);
        pos = newline == std::string_view::npos ? text.size() : newline + 1;
        ++line_number;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);

        if (trim_blanks(line).empty()) {
            if (pending_blank_line == 0)
                pending_blank_line = line_number;
            continue;
        }
        // A blank line inside the data often means a file pasted together; refuse rather than
        // guess whether what follows belongs to it.
        if (pending_blank_line != 0)
            throw load_error(file, at_line(pending_blank_line) +
                                       "blank line; blank lines are allowed only at the end of "
                                       "the file");
        const std::size_t field_count =
            split_fields(line, fields, first_row ? max_header_fields : expected_fields);

        if (first_row) {
            first_row = false;
            const bool header_shaped = options.header == header_mode::present
                                           ? field_count >= 2
                                           : looks_like_header(fields);
            if (options.header != header_mode::absent && header_shaped &&
                field_count > fields.size())
                throw load_error(file, at_line(line_number) + "the header names " +
                                           std::to_string(field_count - 2) +
                                           " classes, more than the " +
                                           std::to_string(max_label + 1) +
                                           " that labels up to csv_options::max_label (" +
                                           std::to_string(max_label) + ") allow");
            if (options.header != header_mode::absent && header_shaped) {
                std::size_t header_features = 0;
                if (!parse_count(fields[0], header_samples) ||
                    !parse_count(fields[1], header_features))
                    throw load_error(file, at_line(line_number) + "expected a header row " +
                                               header_shape + ", found " + quoted(line));
                if (header_features != Features)
                    throw load_error(file, at_line(line_number) + "the header says each sample has " +
                                               std::to_string(header_features) +
                                               " features, but read_csv<" +
                                               std::to_string(Features) + "> reads " +
                                               std::to_string(Features));
                for (std::size_t c = 2; c < fields.size(); ++c) {
                    if (fields[c].empty())
                        throw load_error(file, at_field(line_number, c + 1) + "empty class name");
                    data.class_names.emplace_back(fields[c]);
                }
                has_header = true;
                // Capped by what the text could hold (a row takes at least 2 characters a
                // field), so a wrong header cannot make the reservation huge.
                data.features.reserve(std::min(header_samples, text.size() / (2 * expected_fields)));
                data.labels.reserve(data.features.capacity());
                continue;
            }
            if (options.header == header_mode::present)
                throw load_error(file, at_line(line_number) + "expected a header row " +
                                           header_shape + ", found " + quoted(line));
        }

        if (field_count != expected_fields)
            throw load_error(file, at_line(line_number) + field_count_rule +
                                       std::to_string(field_count));

        std::array<T, Features> row{};
        for (std::size_t c = 0; c < Features; ++c) {
            const number_status status = parse_number(fields[c], row[c]);
            if (status != number_status::ok)
                throw load_error(file, feature_problem<T>(status, fields[c], line_number, c + 1,
                                                          options.header));
        }

        std::size_t label = 0;
        const label_status status = parse_label(fields[Features], label);
        if (status != label_status::ok)
            throw load_error(file, label_problem(status, fields[Features], line_number,
                                                 expected_fields, max_label));
        const std::size_t names = data.class_names.size();
        if (names > 0 && label >= names)
            throw load_error(file, at_field(line_number, expected_fields) + "label " +
                                       std::to_string(label) +
                                       " is out of range: the header names " +
                                       std::to_string(names) + " classes, so labels run from 0 to " +
                                       std::to_string(names - 1));
        if (label > max_label)
            throw load_error(file, at_field(line_number, expected_fields) +
                                       label_too_large(std::to_string(label), max_label));

        data.features.push_back(row);
        data.labels.push_back(label);
        largest_label = std::max(largest_label, label);
    }

    if (first_row)
        throw load_error(file, "file is empty (it holds only blank lines)");
    if (has_header && data.size() != header_samples) {
        const std::string counts = "the header says " + std::to_string(header_samples) +
                                   " samples, but the file holds " + std::to_string(data.size()) +
                                   " rows of data";
        throw load_error(file, data.size() < header_samples ? "truncated: " + counts : counts);
    }
    if (!data.class_names.empty())
        data.class_count = data.class_names.size();
    else
        data.class_count = data.size() == 0 ? 0 : largest_label + 1;
    return data;
}

} // namespace detail

template <std::size_t Features, class T = float>
labelled_data<Features, T> read_csv(const std::filesystem::path& file, csv_options options = {})
{
    static_assert(Features > 0, "ctnn::io::read_csv<Features>: Features is the number of feature "
                                "columns before the label and must be at least 1");
    static_assert(std::floating_point<T>, "ctnn::io::read_csv<Features, T>: T must be a "
                                          "floating-point type (float, double, long double)");
    return detail::reporting_memory(file, [&] {
        const std::string text = read_contents(file, options.max_bytes);
        return detail::parse_csv<Features, T>(text, file, options);
    });
}

} // namespace ctnn::io
