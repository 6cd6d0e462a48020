// Sprig's list functions (list.go) and integer sequences (until, untilStep,
// seq from numeric.go). Functions taking interface{} accept any slice, like
// Sprig's reflection; results are []interface{} unless Sprig keeps the type.
#include <cmath>

#include <pave/template/sprig/cast.hpp>
#include <pave/template/sprig/common.hpp>

namespace pave::tmpl::sprig {

namespace {

/// reflect.TypeOf(v).Kind() must be a slice: else Sprig's error `fmt % kind`
/// (its text has one %s), or Go's nil dereference panic for nil.
SliceView need_slice(const Value& v, std::string_view message_before, std::string_view message_after = "")
{
  if (v.is_nil()) {
    fail_nil_deref();
  }
  SliceView view(v);
  if (!view.is_slice()) {
    fail(std::string(message_before) + v.kind_name() + std::string(message_after));
  }
  return view;
}

ListItems copy_items(const SliceView& view)
{
  ListItems out;
  out.reserve(view.size() + 1);
  for (std::size_t i = 0; i < view.size(); ++i) {
    out.push_back(view.at(i));
  }
  return out;
}

bool in_list(const ListItems& haystack, const Value& needle)
{
  for (const auto& h : haystack) {
    if (deep_equal(needle, h)) {
      return true;
    }
  }
  return false;
}

/// Numeric untilStep as Sprig computes it ([]int); fails when it would have
/// more elements than ctx allows.
std::vector<std::int64_t> until_step(const CallContext& ctx, std::int64_t start, std::int64_t stop, std::int64_t step)
{
  std::vector<std::int64_t> v;
  if (step != 0 && (stop < start) == (step < 0)) {
    check_result_size(ctx, (static_cast<long double>(stop) - static_cast<long double>(start)) / static_cast<long double>(step));
  }
  if (stop < start) {
    if (step >= 0) {
      return v;
    }
    for (std::int64_t i = start; i > stop; i += step) {
      v.push_back(i);
    }
    return v;
  }
  if (step <= 0) {
    return v;
  }
  for (std::int64_t i = start; i < stop; i += step) {
    v.push_back(i);
  }
  return v;
}

Value int_list(const std::vector<std::int64_t>& v)
{
  ListItems items;
  items.reserve(v.size());
  for (auto i : v) {
    items.push_back(int_value(i));
  }
  return Value::list(std::move(items), ElemType::int_);
}

std::string join_ints(const std::vector<std::int64_t>& v)
{
  std::string out;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i > 0) {
      out.push_back(' ');
    }
    out += std::to_string(v[i]);
  }
  return out;
}

/// Sprig's seq(params ...int).
std::string seq(const CallContext& ctx, Args a)
{
  std::int64_t increment = 1;
  switch (a.size()) {
  case 1: {
    std::int64_t start = 1;
    std::int64_t end = arg_int(a[0]);
    if (end < start) {
      increment = -1;
    }
    return join_ints(until_step(ctx, start, end + increment, increment));
  }
  case 2: {
    std::int64_t start = arg_int(a[0]);
    std::int64_t end = arg_int(a[1]);
    std::int64_t step = end < start ? -1 : 1;
    return join_ints(until_step(ctx, start, end + step, step));
  }
  case 3: {
    std::int64_t start = arg_int(a[0]);
    std::int64_t step = arg_int(a[1]);
    std::int64_t end = arg_int(a[2]);
    if (end < start) {
      increment = -1;
      if (step > 0) {
        return "";
      }
    }
    return join_ints(until_step(ctx, start, end + increment, step));
  }
  default: return "";
  }
}

Value chunk(std::int64_t size, const Value& list)
{
  SliceView view = need_slice(list, "Cannot chunk type ");
  auto l = static_cast<double>(view.size());
  auto fsize = static_cast<double>(size);
  std::int64_t cs = go_float_to_int(std::floor((l - 1) / fsize) + 1);
  if (cs < 0) {
    fail("runtime error: makeslice: len out of range");
  }
  ListItems out;
  out.reserve(static_cast<std::size_t>(cs));
  for (std::int64_t i = 0; i < cs; ++i) {
    std::int64_t clen = size;
    if (i == cs - 1) {
      clen = go_float_to_int(std::floor(std::fmod(l, fsize)));
      if (clen == 0) {
        clen = size;
      }
    }
    if (clen < 0) {
      fail("runtime error: makeslice: len out of range");
    }
    ListItems part;
    part.reserve(static_cast<std::size_t>(clen));
    for (std::int64_t j = 0; j < clen; ++j) {
      std::int64_t ix = i * size + j;
      if (ix < 0 || static_cast<std::size_t>(ix) >= view.size()) {
        fail("reflect: slice index out of range");
      }
      part.push_back(view.at(static_cast<std::size_t>(ix)));
    }
    out.push_back(Value::list(std::move(part)));
  }
  return Value::list(std::move(out));
}

Value slice(const Value& list, Args indices)
{
  SliceView view = need_slice(list, "list should be type of slice or array but ");
  if (view.size() == 0) {
    return {};
  }
  std::int64_t start = 0;
  std::int64_t end = static_cast<std::int64_t>(view.size());
  if (!indices.empty()) {
    start = cast_to_int64(indices[0]);
  }
  if (indices.size() >= 2) {
    end = cast_to_int64(indices[1]);
  }
  if (start < 0 || end < start || end > static_cast<std::int64_t>(view.size())) {
    fail("reflect.Value.Slice: slice index out of bounds");
  }
  if (list.is_bytes()) {
    return Value::bytes(list.as_string().substr(static_cast<std::size_t>(start), static_cast<std::size_t>(end - start)));
  }
  const auto& items = list.elements();
  ListItems out(items.begin() + start, items.begin() + end);
  return Value::list(std::move(out), list.list_data().elem);
}

/// Registers `name` and `must` + Name with the same implementation.
void def_both(FunctionTable& t, const std::string& name, const std::string& must, Sig sig, FunctionImpl impl)
{
  def(t, name, sig, impl);
  sig.returns_error = true;
  def(t, must, sig, std::move(impl));
}

} // namespace

void add_list_functions(FunctionTable& t)
{
  for (const char* name : {"list", "tuple"}) {
    def(t, name, {{P::any}, true}, [](CallContext&, Args a) { return Value::list(ListItems(a.begin(), a.end())); });
  }
  for (const char* name : {"append", "push"}) {
    def(t, name, {{P::any, P::any}}, [](CallContext&, Args a) {
      ListItems items = copy_items(need_slice(a[0], "Cannot push on type "));
      items.push_back(a[1]);
      return Value::list(std::move(items));
    });
  }
  for (const char* name : {"mustAppend", "mustPush"}) {
    def(t, name, {{P::any, P::any}, false, true}, [](CallContext&, Args a) {
      ListItems items = copy_items(need_slice(a[0], "Cannot push on type "));
      items.push_back(a[1]);
      return Value::list(std::move(items));
    });
  }
  def_both(t, "prepend", "mustPrepend", {{P::any, P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot prepend on type ");
    ListItems items;
    items.reserve(view.size() + 1);
    items.push_back(a[1]);
    for (std::size_t i = 0; i < view.size(); ++i) {
      items.push_back(view.at(i));
    }
    return Value::list(std::move(items));
  });
  def_both(t, "first", "mustFirst", {{P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot find first on type ");
    return view.size() == 0 ? Value() : view.at(0);
  });
  def_both(t, "last", "mustLast", {{P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot find last on type ");
    return view.size() == 0 ? Value() : view.at(view.size() - 1);
  });
  def_both(t, "rest", "mustRest", {{P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot find rest on type ");
    ListItems items;
    for (std::size_t i = 1; i < view.size(); ++i) {
      items.push_back(view.at(i));
    }
    return Value::list(std::move(items));
  });
  def_both(t, "initial", "mustInitial", {{P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot find initial on type ");
    ListItems items;
    for (std::size_t i = 0; i + 1 < view.size(); ++i) {
      items.push_back(view.at(i));
    }
    return Value::list(std::move(items));
  });
  def_both(t, "reverse", "mustReverse", {{P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot find reverse on type ");
    ListItems items;
    items.reserve(view.size());
    for (std::size_t i = view.size(); i > 0; --i) {
      items.push_back(view.at(i - 1));
    }
    return Value::list(std::move(items));
  });
  def_both(t, "uniq", "mustUniq", {{P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot find uniq on type ");
    ListItems dest;
    for (std::size_t i = 0; i < view.size(); ++i) {
      Value item = view.at(i);
      if (!in_list(dest, item)) {
        dest.push_back(std::move(item));
      }
    }
    return Value::list(std::move(dest));
  });
  def_both(t, "without", "mustWithout", {{P::any, P::any}, true}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot find without on type ");
    ListItems omit(a.begin() + 1, a.end());
    ListItems res;
    for (std::size_t i = 0; i < view.size(); ++i) {
      Value item = view.at(i);
      if (!in_list(omit, item)) {
        res.push_back(std::move(item));
      }
    }
    return Value::list(std::move(res));
  });
  def_both(t, "has", "mustHas", {{P::any, P::any}}, [](CallContext&, Args a) {
    if (a[1].is_nil()) {
      return Value(false);
    }
    SliceView view = need_slice(a[1], "Cannot find has on type ");
    for (std::size_t i = 0; i < view.size(); ++i) {
      if (deep_equal(a[0], view.at(i))) {
        return Value(true);
      }
    }
    return Value(false);
  });
  def_both(t, "slice", "mustSlice", {{P::any, P::any}, true},
           [](CallContext&, Args a) { return slice(a[0], a.subspan(1)); });
  def(t, "concat", {{P::any}, true}, [](CallContext&, Args a) {
    ListItems res;
    for (const auto& l : a) {
      if (l.is_nil()) {
        fail_nil_deref();
      }
      SliceView view(l);
      if (!view.is_slice()) {
        fail("Cannot concat type " + l.kind_name() + " as list");
      }
      for (std::size_t i = 0; i < view.size(); ++i) {
        res.push_back(view.at(i));
      }
    }
    return Value::list(std::move(res));
  });
  def_both(t, "chunk", "mustChunk", {{P::int_, P::any}},
           [](CallContext&, Args a) { return chunk(arg_int(a[0]), a[1]); });
  def_both(t, "compact", "mustCompact", {{P::any}}, [](CallContext&, Args a) {
    SliceView view = need_slice(a[0], "Cannot compact on type ");
    ListItems items;
    for (std::size_t i = 0; i < view.size(); ++i) {
      Value item = view.at(i);
      if (!is_empty(item)) {
        items.push_back(std::move(item));
      }
    }
    return Value::list(std::move(items));
  });
  def(t, "until", {{P::int_}}, [](CallContext& c, Args a) {
    std::int64_t count = arg_int(a[0]);
    return int_list(until_step(c, 0, count, count < 0 ? -1 : 1));
  });
  def(t, "untilStep", {{P::int_, P::int_, P::int_}}, [](CallContext& c, Args a) {
    return int_list(until_step(c, arg_int(a[0]), arg_int(a[1]), arg_int(a[2])));
  });
  def(t, "seq", {{P::int_}, true}, [](CallContext& c, Args a) { return Value(seq(c, a)); });
}

} // namespace pave::tmpl::sprig
