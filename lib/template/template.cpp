#include <pave/template/template.hpp>

#include <algorithm>
#include <numeric>
#include <thread>

#include <pave/template/exec.hpp>
#include <pave/template/parse_ahead.hpp>
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

TemplateSet::TemplateSet(const FunctionTable& funcs, Limits limits)
    : m_impl(std::make_unique<Impl>(Impl{funcs, limits, TemplateScope()}))
{
}

TemplateSet::~TemplateSet() = default;

util::Result<void> TemplateSet::parse(std::string_view name, std::string_view text)
{
  const Source source{name, text};
  return parse_all(std::span(&source, 1));
}

util::Result<void> TemplateSet::parse_all(std::span<const Source> sources, std::size_t* failed, int threads,
                                          ParseAhead* ahead)
{
  std::vector<ParsedTrees> parsed(sources.size());
  auto parse_at = [&](std::size_t i) { parsed[i] = parse_text(sources[i].name, sources[i].text, m_impl->funcs, m_impl->limits); };
  // Largest first, so that no thread starts a large template while the
  // other has nothing left (traefik's _podtemplate.tpl is 37% of its
  // templates). Errors are still reported in source order below.
  std::vector<std::size_t> order(sources.size());
  std::iota(order.begin(), order.end(), std::size_t(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return sources[a].text.size() > sources[b].text.size(); });
  if (ahead != nullptr) {
    // What the background thread has parsed, what nobody started parsed
    // here, and only then a wait for what it is still parsing.
    std::vector<std::size_t> rest;
    std::vector<std::size_t> busy;
    for (const std::size_t i : order) {
      switch (ahead->take(sources[i].name, sources[i].text, parsed[i], false)) {
      case ParseAhead::Claim::taken: break;
      case ParseAhead::Claim::busy: busy.push_back(i); break;
      case ParseAhead::Claim::absent: rest.push_back(i); break;
      }
    }
    for (const std::size_t i : rest) {
      parse_at(i);
    }
    for (const std::size_t i : busy) {
      if (ahead->take(sources[i].name, sources[i].text, parsed[i], true) != ParseAhead::Claim::taken) {
        parse_at(i);
      }
    }
    ahead->cancel(); // texts never asked for (a disabled subchart's)
  } else {
    std::size_t bytes = 0;
    for (const auto& s : sources) {
      bytes += s.text.size();
    }
    // A second thread pays for itself from a few tens of KiB of templates (a
    // chart with a library such as Bitnami's common has hundreds).
    constexpr std::size_t k_parallel_bytes = 32 * 1024;
    if (sources.size() > 1 && bytes >= k_parallel_bytes && threads >= 2 && std::thread::hardware_concurrency() >= 2) {
      util::parallel_for(order.size(), 2, [&](std::size_t k) { parse_at(order[k]); });
    } else {
      for (std::size_t i = 0; i < sources.size(); ++i) {
        parse_at(i);
      }
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
                                        const Spill* spill)
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
