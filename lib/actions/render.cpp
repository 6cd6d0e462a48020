#include <pave/actions/render.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <system_error>
#include <thread>
#include <tuple>

#include <pave/chart/capabilities.hpp>
#include <pave/chart/coalesce.hpp>
#include <pave/chart/dependencies.hpp>
#include <pave/chart/engine.hpp>
#include <pave/chart/functions.hpp>
#include <pave/chart/loader.hpp>
#include <pave/chart/manifest.hpp>
#include <pave/chart/path_match.hpp>
#include <pave/chart/schema.hpp>
#include <pave/chart/user_values.hpp>
#include <pave/template/parse_ahead.hpp>
#include <pave/util/heap.hpp>
#include <pave/util/parallel.hpp>
#include <pave/util/pipe.hpp>

namespace pave::actions {

namespace fs = std::filesystem;
using tmpl::MapItems;
using tmpl::Value;

namespace {

// ---------------------------------------------------------------- inputs

/// Frees what a render no longer needs on a detached thread: the values and
/// the chart can hold hundreds of thousands of small nodes, and the caller
/// usually writes the output and exits right after.
template <typename... T> void dispose_in_background(T&&... garbage)
{
  auto holder = std::make_shared<std::tuple<std::decay_t<T>...>>(std::forward<T>(garbage)...);
  try {
    std::thread([h = std::move(holder)]() mutable { h.reset(); }).detach();
  } catch (const std::system_error&) {
    // No thread: the holder is freed here.
  }
}

std::vector<std::string> split_commas(const std::vector<std::string>& in)
{
  std::vector<std::string> out;
  for (const auto& s : in) {
    std::size_t start = 0;
    for (;;) {
      auto comma = s.find(',', start);
      std::string part = s.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!part.empty()) {
        out.push_back(std::move(part));
      }
      if (comma == std::string::npos) {
        break;
      }
      start = comma + 1;
    }
  }
  return out;
}

// ---------------------------------------------------------------- output

constexpr std::string_view k_sep = "---\n# Source: ";
constexpr std::string_view k_nl = "\n";

class OutputBuilder
{
public:
  explicit OutputBuilder(RenderResult& r) : m_r(r) {}

  /// Room for `n` more pieces (the piece list of a large chart is megabytes).
  void reserve(std::size_t n) { m_r.pieces.reserve(m_r.pieces.size() + n); }

  void piece(std::string_view s)
  {
    if (!s.empty()) {
      m_r.pieces.push_back(s);
    }
  }
  /// Keeps `s` alive in the result and adds it as a piece.
  std::string_view own(std::string s)
  {
    auto p = std::make_shared<const std::string>(std::move(s));
    std::string_view v = *p;
    m_r.buffers.push_back(std::move(p));
    piece(v);
    return v;
  }

private:
  RenderResult& m_r;
};

/// writeToFile of helm template: "---\n# Source: NAME\nDATA\n" to DIR/NAME,
/// appended when the file was written before in this run.
util::Result<std::string> write_to_file(const std::string& dir, const std::string& name, std::string_view data,
                                        bool append)
{
  const std::string outfile = dir + "/" + name;
  std::error_code ec;
  fs::create_directories(fs::path(outfile).parent_path(), ec);
  if (ec) {
    return util::fail("mkdir {}: {}", fs::path(outfile).parent_path().string(), ec.message());
  }
  std::ofstream f(outfile, append ? std::ios::binary | std::ios::app : std::ios::binary | std::ios::trunc);
  if (!f) {
    return util::fail("open {}: {}", outfile, std::strerror(errno));
  }
  f << k_sep << name << '\n' << data << '\n';
  if (!f) {
    return util::fail("write {}: {}", outfile, std::strerror(errno));
  }
  return "wrote " + outfile + "\n";
}

RenderedDocument to_document(const chart::Manifest& m)
{
  RenderedDocument d;
  d.source = std::string(m.source);
  d.kind = m.kind;
  d.name = m.name;
  d.content = m.content;
  d.hook = m.is_hook;
  d.hook_events = m.hook_events;
  d.hook_weight = m.hook_weight;
  return d;
}

bool is_test_hook(const chart::Manifest& m)
{
  return std::find(m.hook_events.begin(), m.hook_events.end(), "test") != m.hook_events.end();
}

/// The path after the chart name in a "# Source: chart/path" line (Helm's
/// regexp "# Source: [^/]+/(.+)"), or empty.
std::string_view source_path(std::string_view doc)
{
  for (std::size_t p = doc.find("# Source: "); p != std::string_view::npos; p = doc.find("# Source: ", p + 1)) {
    std::size_t i = p + 10;
    const std::size_t slash = doc.find('/', i);
    if (slash == std::string_view::npos || slash == i) {
      continue;
    }
    const std::size_t start = slash + 1;
    const std::size_t eol = doc.find('\n', start);
    std::string_view rest = doc.substr(start, eol == std::string_view::npos ? std::string_view::npos : eol - start);
    if (!rest.empty()) {
      return rest;
    }
  }
  return {};
}

/// A file name and its text.
struct NamedText
{
  std::string_view name;
  std::string_view text;
};

/// helm template with --output-dir: CRDs, resources and hooks written to
/// files (resources rewritten per run, hooks appended to existing files), and
/// the "wrote PATH" lines plus an empty line as the output.
util::Result<void> write_output_dir(const RenderOptions& opts, const std::vector<NamedText>& crds,
                                    const chart::SortedManifests& sorted, OutputBuilder& out)
{
  std::map<std::string, bool, std::less<>> written;
  for (const auto& crd : crds) {
    const std::string name(crd.name);
    PAVE_TRY_ASSIGN(std::string msg, write_to_file(opts.output_dir, name, crd.text, written[name]));
    written[name] = true;
    out.own(std::move(msg));
  }
  const std::string dir = opts.use_release_name ? opts.output_dir + "/" + opts.release_name : opts.output_dir;
  for (const auto& m : sorted.generic) {
    const std::string name(m.source);
    PAVE_TRY_ASSIGN(std::string msg, write_to_file(dir, name, m.content, written[name]));
    written[name] = true;
    out.own(std::move(msg));
  }
  std::map<std::string, bool, std::less<>> hook_written;
  for (const auto& m : sorted.hooks) {
    if (opts.skip_tests && is_test_hook(m)) {
      continue;
    }
    const std::string name(m.source);
    std::error_code ec;
    if (fs::exists(fs::path(dir) / name, ec)) {
      hook_written[name] = true;
    }
    PAVE_TRY_ASSIGN(std::string msg, write_to_file(dir, name, m.content, hook_written[name]));
    out.own(std::move(msg));
  }
  // --show-only looks for templates in what is left on stdout: nothing.
  if (!opts.show_only.empty()) {
    return util::fail("could not find template {} in chart", opts.show_only.front());
  }
  out.piece(k_nl);
  return {};
}

/// helm template's stdout: "---\n# Source: NAME\nDOC\n" for each CRD and
/// resource, the whole block trimmed and ended with a newline, then the hooks.
void write_stream(const std::vector<NamedText>& crds, const chart::SortedManifests& sorted, bool skip_tests,
                  OutputBuilder& out)
{
  std::vector<NamedText> block = crds;
  block.reserve(crds.size() + sorted.generic.size());
  for (const auto& m : sorted.generic) {
    block.push_back(NamedText{m.source, m.content});
  }
  out.reserve(4 * (block.size() + sorted.hooks.size()) + 1);
  for (std::size_t i = 0; i < block.size(); ++i) {
    out.piece(k_sep);
    out.piece(block[i].name);
    out.piece(k_nl);
    if (i + 1 == block.size()) {
      // strings.TrimSpace of the whole block only cuts into the last document.
      out.piece(chart::trim_right_space(block[i].text));
    } else {
      out.piece(block[i].text);
      out.piece(k_nl);
    }
  }
  out.piece(k_nl);
  for (const auto& m : sorted.hooks) {
    if (skip_tests && is_test_hook(m)) {
      continue;
    }
    out.piece(k_sep);
    out.piece(m.source);
    out.piece(k_nl);
    out.piece(m.content);
    out.piece(k_nl);
  }
}

/// --show-only: the output re-split into documents (SplitManifests), keeping
/// those whose "# Source:" path matches a pattern, pattern by pattern.
util::Result<void> apply_show_only(const std::vector<std::string>& patterns, RenderResult& result)
{
  if (patterns.empty()) {
    return {};
  }
  const std::string all = result.manifest();
  const auto docs = chart::split_manifests_trimmed(all);
  std::string shown;
  for (const auto& f : patterns) {
    bool missing = true;
    for (auto doc : docs) {
      const std::string_view path = source_path(doc);
      if (path.empty()) {
        continue;
      }
      auto matched = chart::go_path_match(f, path);
      if (!matched || !*matched) {
        continue;
      }
      shown += "---\n";
      shown += doc;
      shown += "\n";
      missing = false;
    }
    if (missing) {
      return util::fail("could not find template {} in chart", f);
    }
  }
  result.pieces.clear();
  OutputBuilder(result).own(std::move(shown));
  return {};
}

} // namespace

std::string RenderResult::manifest() const
{
  std::size_t n = 0;
  for (auto p : pieces) {
    n += p.size();
  }
  std::string out;
  out.reserve(n);
  for (auto p : pieces) {
    out.append(p);
  }
  return out;
}

bool RenderResult::write(std::FILE* out) const
{
  // Gather pieces into large blocks: thousands of small fwrite calls would
  // mean thousands of write(2) calls on an unbuffered or line-buffered stream.
  constexpr std::size_t k_block = std::size_t(256) << 10;
  std::size_t total = 0;
  for (auto p : pieces) {
    total += p.size();
  }
  // A large output written into a pipe of 64 KiB blocks every 64 KiB until
  // the reader runs (fleet: 2.7 MB, 2.5 ms of waits into a Python reader).
  if (total > (std::size_t(64) << 10)) {
    util::widen_pipe(fileno(out), total);
  }
  std::string block;
  block.reserve(k_block);
  auto flush = [&] {
    const bool ok = std::fwrite(block.data(), 1, block.size(), out) == block.size();
    block.clear();
    return ok;
  };
  for (auto p : pieces) {
    if (block.size() + p.size() > k_block && !flush()) {
      return false;
    }
    if (p.size() >= k_block) {
      if (std::fwrite(p.data(), 1, p.size(), out) != p.size()) {
        return false;
      }
      continue;
    }
    block.append(p);
  }
  return flush() && std::fflush(out) == 0;
}

util::Result<RenderResult> render(const RenderOptions& opts)
{
  chart::KubeVersion kube;
  if (!opts.kube_version.empty()) {
    auto k = chart::parse_kube_version(opts.kube_version);
    if (!k) {
      return util::fail("invalid kube version '{}': {}", opts.kube_version, k.error().message);
    }
    kube = *k;
  }
  auto funcs = chart::make_function_table(opts.lookup);
  // The templates are parsed on another core while the rest of the chart
  // loads and its values are merged (parsing needs only the function names).
  auto ahead = std::make_unique<tmpl::ParseAhead>(*funcs, tmpl::Limits{});
  const chart::TemplateSink sink = [&ahead](const std::string& name, const chart::File& f) {
    ahead->submit(name, f.data);
  };
  PAVE_TRY_ASSIGN(std::shared_ptr<chart::Chart> c, chart::load_chart(opts.chart, sink));
  if (!c->metadata.type.empty() && c->metadata.type != "application") {
    return util::fail("{} charts are not installable", c->metadata.type);
  }
  PAVE_TRY_ASSIGN(Value user, chart::merge_user_values(chart::ValueSources{
                                  opts.values_files, opts.set_json, opts.set, opts.set_string, opts.set_file}));
  PAVE_TRY(chart::process_dependencies(*c, user));

  // The last coalesce of the run may consume the user values and the charts' defaults.
  chart::CoalesceOptions last;
  last.copy_input = false;
  last.copy_chart_values = false;
  PAVE_TRY_ASSIGN(Value values, chart::coalesce_values(*c, user, last));
  // Schemas are checked on a snapshot of the values, on another thread, while
  // the templates render; a schema failure wins over a render failure like in
  // Helm, which validates first.
  const auto schema_check = chart::SchemaCheck::prepare(*c, values);
  util::Result<void> schema_result;
  std::thread schema_thread;
  if (!schema_check.empty()) {
    schema_thread = util::start_thread([&] { schema_result = schema_check.run(); });
  }
  struct Join
  {
    std::thread& t;
    ~Join()
    {
      if (t.joinable()) {
        t.join();
      }
    }
  } join{schema_thread};

  chart::EngineInput in;
  in.values = values;
  in.release = Value::map(MapItems{
      {"IsInstall", !opts.is_upgrade},
      {"IsUpgrade", opts.is_upgrade},
      {"Name", opts.release_name},
      {"Namespace", opts.namespace_},
      {"Revision", 1},
      {"Service", "Helm"},
  });
  in.capabilities = chart::make_capabilities(kube, split_commas(opts.api_versions));
  in.parse_ahead = ahead.get();
  // The heads of a large output's documents are decoded on another core while
  // the templates still execute (sort_manifests needs them all).
  chart::HeadsAhead heads_ahead;
  in.heads_ahead = &heads_ahead;
  std::shared_ptr<void> parsed;
  auto rendered_r = chart::render_templates(*c, in, *funcs, &parsed);
  if (schema_thread.joinable()) {
    schema_thread.join();
  }
  PAVE_TRY(schema_result);
  PAVE_TRY_ASSIGN(auto rendered, std::move(rendered_r));

  RenderResult result;
  std::vector<chart::RenderedFile> files;
  files.reserve(rendered.size());
  for (auto& t : rendered) {
    auto name = std::make_shared<const std::string>(t.name);
    for (std::size_t i = 0; i < t.output.size(); ++i) {
      files.push_back(chart::RenderedFile{*name, *t.output[i], std::move(t.heads[i])});
      result.buffers.push_back(std::move(t.output[i]));
    }
    result.buffers.push_back(std::move(name));
  }
  PAVE_TRY_ASSIGN(chart::SortedManifests sorted, chart::sort_manifests(files));

  result.documents.reserve(sorted.generic.size() + sorted.hooks.size() +
                           (opts.include_crds ? c->crd_objects().size() : 0));
  // CRD files (copied: they must outlive the chart).
  std::vector<NamedText> crds;
  if (opts.include_crds) {
    for (const auto& crd : c->crd_objects()) {
      auto data = std::make_shared<const std::string>(crd.file->data);
      auto name = std::make_shared<const std::string>(crd.filename);
      crds.push_back(NamedText{*name, *data});
      RenderedDocument d;
      d.source = crd.filename;
      d.content = *data;
      d.crd = true;
      result.documents.push_back(std::move(d));
      result.buffers.push_back(std::move(data));
      result.buffers.push_back(std::move(name));
    }
  }
  for (const auto& m : sorted.generic) {
    result.documents.push_back(to_document(m));
  }
  for (const auto& m : sorted.hooks) {
    if (!(opts.skip_tests && is_test_hook(m))) {
      result.documents.push_back(to_document(m));
    }
  }

  OutputBuilder out(result);
  if (!opts.output_dir.empty()) {
    PAVE_TRY(write_output_dir(opts, crds, sorted, out));
  } else {
    write_stream(crds, sorted, opts.skip_tests, out);
    PAVE_TRY(apply_show_only(opts.show_only, result));
  }
  in.parse_ahead = nullptr;
  in.heads_ahead = nullptr;
  ahead.reset(); // its thread may still be parsing a text nobody asked for, with *funcs
  if (opts.leave_garbage_to_exit) {
    util::leave_to_exit(std::move(c), std::move(user), std::move(values), std::move(in), std::move(parsed),
                  std::move(funcs));
  } else {
    dispose_in_background(std::move(c), std::move(user), std::move(values), std::move(in), std::move(parsed),
                          std::move(funcs));
  }
  return result;
}

} // namespace pave::actions
