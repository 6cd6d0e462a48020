#include <pave/chart/files.hpp>

#include <algorithm>

#include <pave/chart/path_match.hpp>
#include <pave/codec/yaml.hpp>
#include <pave/template/function.hpp>
#include <pave/util/base64.hpp>

namespace pave::chart {

using tmpl::Value;

namespace {

std::string_view base_name(std::string_view p)
{
  while (p.size() > 1 && p.back() == '/') {
    p.remove_suffix(1);
  }
  if (auto slash = p.rfind('/'); slash != std::string_view::npos && p.size() > 1) {
    return p.substr(slash + 1);
  }
  return p;
}

void want_args(std::string_view name, std::span<const Value> args, std::size_t n)
{
  if (args.size() != n) {
    throw tmpl::ArgumentError("wrong number of args for " + std::string(name) + ": want " + std::to_string(n) +
                              " got " + std::to_string(args.size()));
  }
}

const std::string& string_arg(const Value& v)
{
  if (!v.is_string()) {
    throw tmpl::ArgumentError("wrong type for value; expected string; got " + v.type_name());
  }
  return v.as_string();
}

/// toYAML of a map[string]string without the trailing newline ("" on error).
std::string to_yaml_map(tmpl::MapItems items)
{
  auto y = codec::to_yaml(Value::map(std::move(items), tmpl::ElemType::string));
  if (!y) {
    return "";
  }
  std::string s = std::move(*y);
  if (!s.empty() && s.back() == '\n') {
    s.pop_back();
  }
  return s;
}

} // namespace

Files::Files(std::shared_ptr<const std::vector<File>> owner) : m_owner(std::move(owner))
{
  m_files.reserve(m_owner->size());
  for (const auto& f : *m_owner) {
    m_files.push_back(&f);
  }
  std::stable_sort(m_files.begin(), m_files.end(), [](const File* a, const File* b) { return a->name < b->name; });
  // Like a Go map, a later file of the same name wins.
  std::vector<const File*> unique;
  for (const File* f : m_files) {
    if (!unique.empty() && unique.back()->name == f->name) {
      unique.back() = f;
    } else {
      unique.push_back(f);
    }
  }
  m_files = std::move(unique);
}

Files::Files(std::shared_ptr<const std::vector<File>> owner, std::vector<const File*> files)
    : m_owner(std::move(owner)), m_files(std::move(files))
{
}

const File* Files::find(std::string_view name) const
{
  auto it = std::lower_bound(m_files.begin(), m_files.end(), name,
                             [](const File* f, std::string_view n) { return f->name < n; });
  return it != m_files.end() && (*it)->name == name ? *it : nullptr;
}

std::string Files::get(std::string_view name) const
{
  const File* f = find(name);
  return f ? f->data.str() : std::string();
}

std::shared_ptr<Files> Files::glob(std::string_view pattern) const
{
  std::vector<const File*> out;
  for (const File* f : m_files) {
    auto r = glob_match(pattern, f->name);
    if (!r.compiled || r.matched) {
      out.push_back(f);
    }
  }
  return std::shared_ptr<Files>(new Files(m_owner, std::move(out)));
}

std::vector<std::string> Files::lines(std::string_view path) const
{
  const File* f = find(path);
  if (f == nullptr) {
    return {};
  }
  std::string_view s = f->data;
  if (!s.empty() && s.back() == '\n') {
    s.remove_suffix(1);
  }
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    auto nl = s.find('\n', start);
    out.emplace_back(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) {
      return out;
    }
    start = nl + 1;
  }
}

std::string Files::as_config() const
{
  tmpl::MapItems m;
  for (const File* f : m_files) {
    m.insert_or_assign(std::string(base_name(f->name)), Value(f->data));
  }
  return to_yaml_map(std::move(m));
}

std::string Files::as_secrets() const
{
  tmpl::MapItems m;
  for (const File* f : m_files) {
    m.insert_or_assign(std::string(base_name(f->name)), Value(util::base64_encode(f->data)));
  }
  return to_yaml_map(std::move(m));
}

bool Files::has_method(std::string_view name) const
{
  return name == "Get" || name == "GetBytes" || name == "Glob" || name == "Lines" || name == "AsConfig" ||
         name == "AsSecrets";
}

std::optional<Value> Files::member(std::string_view name, std::span<const Value> args) const
{
  if (name == "Get") {
    want_args(name, args, 1);
    return Value(get(string_arg(args[0])));
  }
  if (name == "GetBytes") {
    want_args(name, args, 1);
    return Value::bytes(get(string_arg(args[0])));
  }
  if (name == "Glob") {
    want_args(name, args, 1);
    return Value::object(glob(string_arg(args[0])));
  }
  if (name == "Lines") {
    want_args(name, args, 1);
    tmpl::ListItems items;
    for (auto& l : lines(string_arg(args[0]))) {
      items.emplace_back(std::move(l));
    }
    return Value::list(std::move(items), tmpl::ElemType::string);
  }
  if (name == "AsConfig") {
    want_args(name, args, 0);
    return Value(as_config());
  }
  if (name == "AsSecrets") {
    want_args(name, args, 0);
    return Value(as_secrets());
  }
  // A map type: `.Files.name` indexes the map (nil []byte when absent).
  if (!args.empty()) {
    return std::nullopt;
  }
  const File* f = find(name);
  return Value::bytes(f ? f->data.str() : std::string());
}

std::string Files::format() const
{
  std::string out = "map[";
  bool first = true;
  for (const File* f : m_files) {
    if (!first) {
      out += ' ';
    }
    first = false;
    out += f->name;
    out += ":[";
    for (std::size_t i = 0; i < f->data.size(); ++i) {
      if (i > 0) {
        out += ' ';
      }
      out += std::to_string(static_cast<unsigned char>(f->data[i]));
    }
    out += ']';
  }
  out += ']';
  return out;
}

Value Files::to_data() const
{
  tmpl::MapItems m;
  for (const File* f : m_files) {
    m.emplace_hint(m.end(), f->name, Value::bytes(f->data.str()));
  }
  return Value::map(std::move(m), tmpl::ElemType::bytes);
}

} // namespace pave::chart
