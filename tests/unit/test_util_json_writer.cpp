#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include <pave/util/json_writer.hpp>

using namespace pave;

namespace {

/// Writes `j` through JsonWriter.
void write(util::JsonWriter& w, const nlohmann::ordered_json& j)
{
  switch (j.type()) {
  case nlohmann::json::value_t::object:
    w.begin_object();
    for (const auto& [k, v] : j.items()) {
      w.key(k);
      write(w, v);
    }
    w.end_object();
    break;
  case nlohmann::json::value_t::array:
    w.begin_array();
    for (const auto& v : j) {
      write(w, v);
    }
    w.end_array();
    break;
  case nlohmann::json::value_t::string: w.value(j.get<std::string>()); break;
  case nlohmann::json::value_t::number_float: w.value(j.get<double>()); break;
  case nlohmann::json::value_t::number_integer: w.value(j.get<std::int64_t>()); break;
  case nlohmann::json::value_t::number_unsigned: w.value(j.get<std::uint64_t>()); break;
  case nlohmann::json::value_t::boolean: w.value(j.get<bool>()); break;
  default: w.null();
  }
}

std::string written(const nlohmann::ordered_json& j, int indent)
{
  std::ostringstream out;
  {
    util::JsonWriter w(out, indent);
    write(w, j);
  }
  return out.str();
}

} // namespace

TEST_CASE("util::JsonWriter")
{
  nlohmann::ordered_json j = nlohmann::ordered_json::parse(R"({
    "z": 1, "a": [], "o": {}, "s": "q\"b\\s\n\t\u0001\u001f/é", "n": null, "t": true, "f": false,
    "nested": [{"x": [1, [2, []], {"y": {}}]}, -3, 18446744073709551615]
  })");
  for (const double d : {0.0, -0.0, 1.0, 73.0, 2.66, 0.03124607, 1e-08, 4e-7, 1e21, 1.5e300, 123456789.125, -7.25,
                         3176443.56, std::numeric_limits<double>::quiet_NaN(), std::numeric_limits<double>::infinity()}) {
    j["numbers"].push_back(d);
  }
  for (int i = 1; i < 2000; ++i) {
    j["more"].push_back(std::round(i * 1234.5678 / 7) / 100);
  }
  CHECK(written(j, 2) == j.dump(2));
  CHECK(written(j, 4) == j.dump(4));
  CHECK(written(j, -1) == j.dump());
  CHECK(written(nlohmann::ordered_json::array(), 2) == "[]");
}

TEST_CASE("util::JsonWriter strings")
{
  // Bytes to escape at every place of an 8-byte block, in strings longer
  // than the writer's buffer, and nested deeper than one indentation piece.
  nlohmann::ordered_json j = nlohmann::ordered_json::array();
  for (const char special : {'"', '\\', '\n', '\x01', '\x1f'}) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(20, 'x');
      s[at] = special;
      s.replace(19 - at / 2, 1, "é");
      j.push_back(s);
    }
  }
  std::string big(100000, 'b');
  big[70000] = '"';
  j.push_back(big);
  j.push_back(std::string(50000, '\n'));
  nlohmann::ordered_json deep = "bottom";
  for (int i = 0; i < 80; ++i) {
    deep = nlohmann::ordered_json::array({deep});
  }
  j.push_back(deep);
  CHECK(written(j, 2) == j.dump(2));
  CHECK(written(j, -1) == j.dump());
}

TEST_CASE("util::JsonWriter in parts: an array's values written apart are what one writer writes")
{
  // {"head": 1, "list": [PARTS], "tail": true}, the list's values written by
  // part writers into strings, as `cost-report --format json` does.
  nlohmann::ordered_json values = nlohmann::ordered_json::array();
  for (int i = 0; i < 7; ++i) {
    values.push_back({{"i", i}, {"name", "v" + std::to_string(i)}, {"list", {i, 2.5}}, {"empty", nlohmann::json::object()}});
  }
  for (const int indent : {2, 4, -1}) {
    for (const std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{7}}) {
      for (const std::size_t per_part : {std::size_t{1}, std::size_t{3}, std::size_t{7}}) {
        CAPTURE(indent);
        CAPTURE(count);
        CAPTURE(per_part);
        nlohmann::ordered_json whole = {{"head", 1}, {"list", nlohmann::ordered_json::array()}, {"tail", true}};
        for (std::size_t v = 0; v < count; ++v) {
          whole["list"].push_back(values[v]);
        }
        std::ostringstream out;
        {
          util::JsonWriter w(out, indent);
          w.begin_object().member("head", 1).key("list").begin_array();
          const util::JsonWriter::Position at = w.position();
          CHECK(at.depth == 2);
          CHECK(at.first);
          w.flush();
          for (std::size_t first = 0; first < count; first += per_part) {
            std::string text;
            {
              util::JsonWriter part(text, indent, {at.depth, at.first && first == 0});
              for (std::size_t v = first; v < std::min(count, first + per_part); ++v) {
                write(part, values[v]);
              }
            }
            out << text;
          }
          w.written_elsewhere(count).end_array().member("tail", true).end_object();
        }
        CHECK(out.str() == whole.dump(indent));
      }
    }
  }
}

namespace {

std::string decimal(double d, int decimals)
{
  std::ostringstream out;
  {
    util::JsonWriter w(out, -1);
    w.value(d, decimals);
  }
  return out.str();
}

} // namespace

TEST_CASE("util::JsonWriter rounded numbers: the shortest form of the rounded double")
{
  CHECK(decimal(73, 4) == "73.0");
  CHECK(decimal(2.2849, 2) == "2.28");
  CHECK(decimal(2.285001, 2) == "2.29");
  CHECK(decimal(-7.254, 2) == "-7.25");
  CHECK(decimal(0.0312460749, 8) == "0.03124607");
  CHECK(decimal(0.001, 2) == "0.0");
  CHECK(decimal(-0.001, 2) == "-0.0"); // std::round keeps the sign, as nlohmann writes -0.0
  CHECK(decimal(0, 8) == "0.0");
  CHECK(decimal(0.0001, 8) == "0.0001");
  CHECK(decimal(0.00001, 8) == "1e-05"); // below 1e-4: as value(), in exponent form
  CHECK(decimal(123456.5, 0) == "123457.0");
  CHECK(decimal(1e15, 2) == "1e+15");
  CHECK(decimal(999999999999.99, 2) == "999999999999.99");
  CHECK(decimal(std::numeric_limits<double>::quiet_NaN(), 2) == "null");
  CHECK(decimal(-std::numeric_limits<double>::infinity(), 2) == "null");
  // Where Grisu2 is one digit longer, the shortest form (Python's repr, Go's
  // strconv 'g' -1) reads back as the same double.
  CHECK(decimal(93749.430341855841, 4) == "93749.4303");
  CHECK(nlohmann::json(std::round(93749.430341855841 * 1e4) / 1e4).dump() == "93749.43030000001");

  // Against nlohmann: the same double, never longer, and the same text
  // wherever nlohmann's has no more places than asked for.
  std::uint64_t seed = 1;
  int same = 0;
  for (int i = 0; i < 200000; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    const int decimals = static_cast<int>((seed >> 33) % 9);
    const double scale = std::pow(10.0, static_cast<double>((seed >> 40) % 13) - 4);
    const double d = (static_cast<double>(seed >> 11) / 0x1p53 - 0.25) * scale;
    const double rounded = std::round(d * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    const std::string ours = decimal(d, decimals);
    const std::string theirs = nlohmann::json(rounded).dump();
    CAPTURE(d);
    CAPTURE(decimals);
    CAPTURE(theirs);
    REQUIRE(std::strtod(ours.c_str(), nullptr) == rounded);
    REQUIRE(ours.size() <= theirs.size());
    const auto dot = theirs.find('.');
    if (theirs.find('e') != std::string::npos || dot == std::string::npos ||
        theirs.size() - dot - 1 <= static_cast<std::size_t>(std::max(decimals, 1))) {
      REQUIRE(ours == theirs);
      ++same;
    }
  }
  CHECK(same > 190000);
}
