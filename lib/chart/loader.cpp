#include <pave/chart/loader.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>
#include <sstream>

#include <pave/chart/archive.hpp>
#include <pave/chart/ignore.hpp>
#include <pave/codec/yaml.hpp>
#include <pave/util/fs.hpp>

namespace pave::chart {

namespace fs = std::filesystem;
using tmpl::Value;

namespace {

util::Result<std::string> read_whole_file(const fs::path& p)
{
  auto data = util::read_file_errno(p);
  if (!data) {
    return util::fail("open {}: {}", p.string(), std::strerror(data.error()));
  }
  return std::move(*data);
}

/// Files from this size on are mapped rather than read: a chart's large files
/// (change logs, READMEs, CRDs) are often never read by a render, and those
/// that are cost neither a copy nor a fault per page of the heap.
constexpr std::size_t k_map_from = 32 * 1024;

util::Result<util::SharedBytes> read_chart_file(const fs::path& p)
{
  auto data = util::read_or_map_file_errno(p, k_map_from);
  if (!data) {
    return util::fail("open {}: {}", p.string(), std::strerror(data.error()));
  }
  return std::move(*data);
}

util::Result<Value> load_values_file(std::string_view data)
{
  auto parsed = codec::unmarshal_yaml(data, codec::YamlTarget::map);
  if (!parsed) {
    return util::fail("cannot load values.yaml: {}", parsed.error().message);
  }
  Value v = std::move(*parsed);
  if (v.is_nil()) {
    return Value::map();
  }
  if (!v.is_map()) {
    return util::fail("cannot load values.yaml: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal {} "
                      "into Go value of type map[string]interface {{}}",
                      v.is_list() ? "array" : (v.is_string() ? "string" : (v.is_bool() ? "bool" : "number")));
  }
  return v;
}

/// The chart behind load_files, load_archive and load_dir; `parent_path` is
/// the full path of the chart whose charts/ holds this one, empty for the root.
util::Result<std::shared_ptr<Chart>> load_files_in(std::vector<File> files, const TemplateSink& sink,
                                                 const std::string& parent_path, bool told = false);

util::Result<std::shared_ptr<Chart>> load_archive_in(std::string_view data, const TemplateSink& sink,
                                                   const std::string& parent_path)
{
  PAVE_TRY_ASSIGN(auto files, read_chart_archive(data));
  return load_files_in(std::move(files), sink, parent_path);
}

/// `told`: the sink has been told this chart's templates already (load_dir).
util::Result<std::shared_ptr<Chart>> load_files_in(std::vector<File> files, const TemplateSink& sink,
                                                 const std::string& parent_path, bool told)
{
  std::stable_sort(files.begin(), files.end(), [](const File& a, const File& b) { return a.name < b.name; });
  auto c = std::make_shared<Chart>();
  bool have_metadata = false;
  for (const auto& f : files) {
    if (f.name == "Chart.yaml") {
      PAVE_TRY_ASSIGN(Value doc, codec::parse_yaml(f.data, "cannot load Chart.yaml"));
      PAVE_TRY(decode_metadata(doc, "Chart.yaml", c->metadata));
      if (c->metadata.api_version.empty()) {
        c->metadata.api_version = "v1";
      }
      have_metadata = true;
    }
  }
  const std::string full_path = parent_path.empty() ? c->name() : parent_path + "/charts/" + c->name();
  // Subchart files by first path component below charts/, in sorted order.
  std::map<std::string, std::vector<File>> subcharts;
  for (auto& f : files) {
    const std::string& n = f.name;
    if (n == "Chart.yaml" || n == "Chart.lock" || n == "requirements.lock" || n == ".helmignore") {
      continue;
    }
    if (n == "values.yaml") {
      PAVE_TRY_ASSIGN(c->values, load_values_file(f.data));
    } else if (n == "values.schema.json") {
      c->schema = std::move(f.data);
    } else if (n == "requirements.yaml") {
      if (have_metadata) {
        PAVE_TRY_ASSIGN(Value doc, codec::parse_yaml(f.data, "cannot load requirements.yaml"));
        PAVE_TRY(decode_metadata(doc, "requirements.yaml", c->metadata));
      }
    } else if (n.starts_with("templates/")) {
      if (sink && !told && have_metadata && renders_template(c->metadata, n)) {
        sink(full_path + "/" + n, f);
      }
      c->templates->push_back(std::move(f));
    } else if (n.starts_with("charts/")) {
      // Subchart directories and archives; other files directly in charts/
      // are ignored (like helmref; Helm would fail on them or keep .prov files).
      std::string rest = n.substr(7);
      const auto slash = rest.find('/');
      if (slash == std::string::npos && !rest.ends_with(".tgz")) {
        continue;
      }
      std::string cname = rest.substr(0, slash);
      subcharts[cname].push_back(File{std::move(rest), std::move(f.data)});
    } else {
      c->files->push_back(std::move(f));
    }
  }
  if (!have_metadata) {
    return util::fail("Chart.yaml file is missing");
  }
  // Only the chart type is validated, like helmref (Helm's Metadata.Validate
  // also rejects missing names and versions and sanitizes the strings).
  if (!c->metadata.type.empty() && c->metadata.type != "application" && c->metadata.type != "library") {
    return util::fail("validation: chart.metadata.type must be application or library");
  }

  for (auto& [cname, sub] : subcharts) {
    util::Result<std::shared_ptr<Chart>> sc;
    if (cname.ends_with(".tgz")) {
      const File& file = sub.front();
      if (file.name != cname) {
        return util::fail("error unpacking subchart tar in {}: expected {}, got {}", c->name(), cname, file.name);
      }
      sc = load_archive_in(file.data, sink, full_path);
    } else {
      std::vector<File> buff;
      for (auto& f : sub) {
        const auto slash = f.name.find('/');
        if (slash == std::string::npos) {
          continue;
        }
        buff.push_back(File{f.name.substr(slash + 1), std::move(f.data)});
      }
      sc = load_files_in(std::move(buff), sink, full_path);
    }
    if (!sc) {
      return util::fail("error unpacking subchart {} in {}: {}", cname, c->name(), sc.error().message);
    }
    c->add_dependency(std::move(*sc));
  }
  return c;
}

} // namespace

util::Result<std::shared_ptr<Chart>> load_files(std::vector<File> files, const TemplateSink& sink)
{
  return load_files_in(std::move(files), sink, "");
}

util::Result<std::shared_ptr<Chart>> load_archive(std::string_view data, const TemplateSink& sink)
{
  return load_archive_in(data, sink, "");
}

util::Result<std::shared_ptr<Chart>> load_dir(const fs::path& dir, const TemplateSink& sink)
{
  std::error_code ec;
  const fs::path top = fs::absolute(dir, ec);
  IgnoreRules rules;
  const fs::path ifile = top / ".helmignore";
  if (fs::exists(ifile, ec)) {
    PAVE_TRY_ASSIGN(std::string text, read_whole_file(ifile));
    PAVE_TRY_ASSIGN(rules, IgnoreRules::parse(text));
  }
  rules.add_defaults();

  // With a sink, the root chart's Chart.yaml is decoded first (again in
  // load_files), so that its templates can be told as they are read, and
  // templates/ is read before the chart's other directories (crds/, files,
  // tests ...): the parse can then run while the rest of the chart is read.
  std::optional<std::string> told_prefix;
  Metadata early;
  if (sink && !rules.ignore("Chart.yaml", false)) {
    if (auto text = util::read_file_errno(top / "Chart.yaml")) {
      auto doc = codec::parse_yaml(*text, "cannot load Chart.yaml");
      if (doc && decode_metadata(*doc, "Chart.yaml", early)) {
        told_prefix = early.name;
      }
    }
  }

  std::vector<File> files;
  // Depth-first walk in lexical order, following symlinks like sympath.Walk.
  std::vector<std::pair<fs::path, std::string>> stack{{top, ""}};
  while (!stack.empty()) {
    auto [path, rel] = std::move(stack.back());
    stack.pop_back();
    std::vector<std::pair<std::string, fs::directory_entry>> entries;
    for (fs::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
      entries.emplace_back(it->path().filename().string(), *it);
    }
    if (ec) {
      return util::fail("{}: {}", path.string(), ec.message());
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (auto& [name, entry] : entries) {
      const std::string n = rel.empty() ? name : rel + "/" + name;
      const bool is_dir = entry.is_directory(ec);
      if (is_dir) {
        if (!rules.ignore(n, true)) {
          stack.emplace_back(entry.path(), n);
        }
        continue;
      }
      if (rules.ignore(n, false)) {
        continue;
      }
      if (!entry.is_regular_file(ec)) {
        if (!entry.exists(ec)) {
          return util::fail("stat {}: no such file or directory", entry.path().string());
        }
        return util::fail("cannot load irregular file {} as it has file mode type bits set", entry.path().string());
      }
      PAVE_TRY_ASSIGN(util::SharedBytes data, read_chart_file(entry.path()));
      if (data.starts_with("\xEF\xBB\xBF")) {
        data.remove_prefix(3);
      }
      files.push_back(File{n, std::move(data)});
      if (told_prefix && n.starts_with("templates/") && renders_template(early, n)) {
        sink(*told_prefix + "/" + n, files.back());
      }
    }
    if (told_prefix && rel.empty()) {
      // Directories are taken from the back of the stack: templates/ last in it.
      const auto t = std::find_if(stack.begin(), stack.end(), [](const auto& e) { return e.second == "templates"; });
      if (t != stack.end()) {
        std::rotate(t, t + 1, stack.end());
      }
    }
  }
  return load_files_in(std::move(files), sink, "", told_prefix.has_value());
}

util::Result<std::shared_ptr<Chart>> load_chart(const fs::path& path, const TemplateSink& sink)
{
  std::error_code ec;
  const auto st = fs::status(path, ec);
  if (ec || !fs::exists(st)) {
    return util::fail("path \"{}\" not found", path.string());
  }
  if (fs::is_directory(st)) {
    return load_dir(path, sink);
  }
  PAVE_TRY_ASSIGN(std::string data, read_whole_file(path));
  if (data.size() < 2 || static_cast<unsigned char>(data[0]) != 0x1f || static_cast<unsigned char>(data[1]) != 0x8b) {
    bool text = true;
    for (std::size_t i = 0; i < data.size() && i < 512; ++i) {
      const auto ch = static_cast<unsigned char>(data[i]);
      if (ch < 0x20 && ch != '\t' && ch != '\n' && ch != '\r' && ch != '\f' && ch != 0x1b) {
        text = false;
      }
    }
    return util::fail("file '{}' does not appear to be a gzipped archive; got '{}'", path.string(),
                      text ? "text/plain; charset=utf-8" : "application/octet-stream");
  }
  return load_archive(data, sink);
}

} // namespace pave::chart
