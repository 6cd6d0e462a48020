#include <pave/template/template.hpp>

#include <algorithm>
#include <numeric>
#include <thread>

#include <pave/template/exec.hpp>
#include <pave/template/parser.hpp>
#include <pave/template/stack_guard.hpp>
#include <pave/template/strconv.hpp>
#include <pave/util/parallel.hpp>

namespace pave::tmpl {

struct TemplateSet::Impl
{
  const FunctionTable& funcs;
  Limits limits;
  TemplateScope scope;
};

namespace {

/// An upper bound of the nesting a text can reach: every level needs a '(' or an action.
bool may_nest_deeply(std::string_view text)
{
  constexpr std::size_t k_shallow = 1000;
  std::size_t opens = static_cast<std::size_t>(std::count(text.begin(), text.end(), '('));
  for (std::size_t pos = text.find("{{"); pos != std::string_view::npos && opens <= k_shallow;
       pos = text.find("{{", pos + 2)) {
    ++opens;
  }
  return opens > k_shallow;
}

} // namespace

TemplateSet::TemplateSet(const FunctionTable& funcs, Limits limits)
    : m_impl(std::make_unique<Impl>(Impl{funcs, limits, TemplateScope()}))
{
}

TemplateSet::~TemplateSet() = default;

namespace {

using ParsedTrees = util::Result<std::vector<std::shared_ptr<const Tree>>>;

ParsedTrees parse_one(std::string_view name, std::string_view text, const FunctionTable& funcs, const Limits& limits)
{
  ParsedTrees trees;
  auto do_parse = [&] { trees = parse_template(name, text, funcs, limits.max_parse_depth); };
  if (may_nest_deeply(text)) {
    run_with_stack(limits.max_stack, do_parse);
  } else {
    do_parse();
  }
  return trees;
}

} // namespace

util::Result<void> TemplateSet::parse(std::string_view name, std::string_view text)
{
  const Source source{name, text};
  return parse_all(std::span(&source, 1));
}

util::Result<void> TemplateSet::parse_all(std::span<const Source> sources, std::size_t* failed, int threads)
{
  std::vector<ParsedTrees> parsed(sources.size());
  auto parse_at = [&](std::size_t i) { parsed[i] = parse_one(sources[i].name, sources[i].text, m_impl->funcs, m_impl->limits); };
  std::size_t bytes = 0;
  for (const auto& s : sources) {
    bytes += s.text.size();
  }
  // A second thread pays for itself from a few tens of KiB of templates (a
  // chart with a library such as Bitnami's common has hundreds).
  constexpr std::size_t k_parallel_bytes = 32 * 1024;
  if (sources.size() > 1 && bytes >= k_parallel_bytes && threads >= 2 && std::thread::hardware_concurrency() >= 2) {
    // Largest first, so that no thread starts a large template while the
    // other has nothing left (traefik's _podtemplate.tpl is 37% of its
    // templates). Errors are still reported in source order below.
    std::vector<std::size_t> order(sources.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return sources[a].text.size() > sources[b].text.size(); });
    util::parallel_for(order.size(), 2, [&](std::size_t k) { parse_at(order[k]); });
  } else {
    for (std::size_t i = 0; i < sources.size(); ++i) {
      parse_at(i);
    }
  }
  for (std::size_t i = 0; i < parsed.size(); ++i) {
    if (!parsed[i]) {
      if (failed != nullptr) {
        *failed = i;
      }
      return std::unexpected(std::move(parsed[i].error()));
    }
  }
  for (auto& trees : parsed) {
    for (auto& t : *trees) {
      m_impl->scope.add(std::move(t));
    }
  }
  return {};
}

bool TemplateSet::has(std::string_view name) const
{
  return m_impl->scope.find(name) != nullptr;
}

util::Result<void> TemplateSet::execute(std::string_view name, const Value& data, std::string& out,
                                        std::vector<std::string>* spill)
{
  const Tree* tree = m_impl->scope.find(name);
  if (tree == nullptr) {
    return util::fail("template: no template {} associated with template {}", go::quote(name),
                      go::quote(k_root_template_name));
  }
  std::string error;
  run_with_stack(m_impl->limits.max_stack, [&] {
    Exec exec(m_impl->scope, m_impl->funcs, m_impl->limits);
    try {
      exec.run(*tree, name, data, out, spill);
    } catch (const ExecError& e) {
      error = e.message;
    } catch (const ExecAbort& e) {
      error = e.message;
    }
  });
  if (!error.empty()) {
    return util::fail("{}", error);
  }
  return {};
}

} // namespace pave::tmpl
