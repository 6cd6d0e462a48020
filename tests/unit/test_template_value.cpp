#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include <pave/template/value.hpp>

using namespace pave::tmpl;

TEST_CASE("Value: copies share maps and lists, and own strings")
{
  Value m = Value::map();
  Value shared = m;
  shared.items().insert_or_assign("k", Value("v"));
  REQUIRE(m.find("k") != nullptr);
  CHECK(m.find("k")->as_string() == "v");
  CHECK(m.same(shared));

  Value s(std::string(100, 'x'));
  Value t = s;
  t = Value("other");
  CHECK(s.as_string() == std::string(100, 'x'));
  CHECK(t.as_string() == "other");
}

TEST_CASE("Value: a moved-from container or string is nil; numbers keep their value")
{
  Value l = Value::list(ListItems{Value(1), Value(2)});
  Value taken = std::move(l);
  CHECK(l.is_nil()); // NOLINT(bugprone-use-after-move): the state after a move is what is tested
  REQUIRE(taken.is_list());
  CHECK(taken.elements().size() == 2);

  Value s(std::string(40, 's'));
  Value moved(std::move(s));
  CHECK(s.is_nil()); // NOLINT(bugprone-use-after-move)
  CHECK(moved.as_string() == std::string(40, 's'));

  Value f(2.5);
  Value g(std::move(f));
  CHECK(g.as_float() == 2.5);
  CHECK(f.as_float() == 2.5); // NOLINT(bugprone-use-after-move)
}

TEST_CASE("Value: assigning a value that lives inside the one assigned to")
{
  Value outer = Value::map(MapItems{{"inner", Value::map(MapItems{{"x", Value(std::string(50, 'i'))}})}});
  outer = std::move(outer.items().at("inner")); // the map holding the source is let go after the move
  REQUIRE(outer.is_map());
  REQUIRE(outer.find("x") != nullptr);
  CHECK(outer.find("x")->as_string() == std::string(50, 'i'));

  Value list = Value::list(ListItems{Value("a"), Value::list(ListItems{Value("b")})});
  list = list.elements().at(1); // copied from inside itself
  REQUIRE(list.is_list());
  CHECK(list.elements().at(0).as_string() == "b");
}

TEST_CASE("Value: accessors of another kind read as zero, false or empty")
{
  const Value s("text");
  CHECK(s.as_int() == 0);
  CHECK(s.as_uint() == 0);
  CHECK(s.as_float() == 0.0);
  CHECK_FALSE(s.as_bool());
  const Value m = Value::map();
  CHECK(m.as_int() == 0);
  CHECK(m.as_string().empty());
  const Value n(42);
  CHECK(n.as_string().empty());
  CHECK(Value(true).as_int() == 1);
  CHECK(Value().as_string().empty());
  CHECK(Value::bytes("raw").as_string() == "raw");
  CHECK(Value::bytes("raw").is_bytes());
}

TEST_CASE("MapItems orders keys bytewise, like Go's sorted map printing")
{
  // Against std::string's own comparison (unsigned bytes, a prefix first),
  // for keys that differ in the first 8 bytes, after them, and in length.
  const std::vector<std::string> keys{"", "a", "b", "B", "ab", "abcdefgh", "abcdefghi", "abcdefghj", "abcdefgH",
                                      "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/",
                                      "\xc3\xa9t\xc3\xa9", "\x7f", "z", std::string("a\0b", 3), std::string("a\0", 2)};
  const pave::tmpl::KeyLess less;
  for (const auto& a : keys) {
    for (const auto& b : keys) {
      CHECK_MESSAGE(less(a, b) == (a < b), a << " < " << b);
    }
  }
  pave::tmpl::MapItems m;
  for (const auto& k : keys) {
    m.emplace(k, pave::tmpl::Value(k));
  }
  std::vector<std::string> sorted = keys;
  std::sort(sorted.begin(), sorted.end());
  std::vector<std::string> order;
  for (const auto& [k, v] : m) {
    order.push_back(k);
  }
  CHECK(order == sorted);
  CHECK(m.find(std::string_view("abcdefghj")) != m.end());
  CHECK(m.find("abcdefghk") == m.end());
}
