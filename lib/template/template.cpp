#include <pave/template/template.hpp>

#include <algorithm>

#include <pave/template/exec.hpp>
#include <pave/template/parser.hpp>
#include <pave/template/stack_guard.hpp>
#include <pave/template/strconv.hpp>

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

util::Result<void> TemplateSet::parse(std::string_view name, std::string_view text)
{
  util::Result<std::vector<std::shared_ptr<const Tree>>> trees;
  auto do_parse = [&] { trees = parse_template(name, text, m_impl->funcs, m_impl->limits.max_parse_depth); };
  if (may_nest_deeply(text)) {
    run_with_stack(m_impl->limits.max_stack, do_parse);
  } else {
    do_parse();
  }
  if (!trees) {
    return std::unexpected(std::move(trees.error()));
  }
  for (auto& t : *trees) {
    m_impl->scope.add(std::move(t));
  }
  return {};
}

bool TemplateSet::has(std::string_view name) const
{
  return m_impl->scope.find(name) != nullptr;
}

util::Result<void> TemplateSet::execute(std::string_view name, const Value& data, std::string& out)
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
      exec.run(*tree, name, data, out);
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
