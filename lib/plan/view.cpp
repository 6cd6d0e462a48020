#include <pave/plan/view.hpp>

#include <fmt/format.h>

namespace pave::plan {

namespace {

constexpr std::size_t k_max_value = 72;

std::string symbol(Action a, const cli::Style& s)
{
  switch (a) {
  case Action::create: return s.green("  +");
  case Action::update: return s.yellow("  ~");
  case Action::replace: return s.red("-/+");
  case Action::remove: return s.red("  -");
  case Action::noop: break;
  }
  return "   ";
}

void print_field(std::ostream& out, const FieldChange& f, const cli::Style& s, std::string_view mark)
{
  std::string line;
  if (f.sensitive) {
    line = fmt::format("{} (sensitive value)", f.path);
  } else if (f.before.is_null()) {
    line = fmt::format("{}: {}", f.path, s.green(short_value(f.after)));
  } else if (f.after.is_null()) {
    line = fmt::format("{}: {} (removed)", f.path, s.red(short_value(f.before)));
  } else {
    line = fmt::format("{}: {} -> {}", f.path, s.red(short_value(f.before)), s.green(short_value(f.after)));
  }
  out << "      " << mark << ' ' << line;
  if (f.forces_replace) {
    out << s.red("  # forces replacement");
  }
  out << '\n';
}

} // namespace

std::string short_value(const nlohmann::json& v)
{
  std::string text = v.dump();
  if (text.size() > k_max_value) {
    text = text.substr(0, k_max_value - 3) + "...";
  }
  return text;
}

void print_plan(std::ostream& out, const Plan& p, const cli::Style& s, bool show_noop)
{
  for (const auto& c : p.changes) {
    if (c.action == Action::noop && c.drift.empty() && !show_noop) {
      continue;
    }
    const std::string what = c.action == Action::noop ? "drift only" : std::string(to_string(c.action));
    out << symbol(c.action, s) << ' ' << s.bold(c.ref.display());
    if (!c.app.empty()) {
      out << s.dim(fmt::format("  (app {})", c.app));
    }
    out << s.dim(fmt::format("  {}: {}", what, c.reason)) << '\n';
    for (const auto& f : c.fields) {
      print_field(out, f, s, f.before.is_null() && !f.sensitive ? "+" : f.after.is_null() && !f.sensitive ? "-" : "~");
    }
    for (const auto& f : c.drift) {
      print_field(out, f, s, s.yellow("! drift"));
    }
  }
  const auto summary = p.summary();
  if (summary.has_changes() || summary.drifted > 0) {
    out << '\n';
  }
  out << s.bold(summary_line(summary));
  if (summary.drifted > 0) {
    out << fmt::format(" {} object(s) drifted from what pave recorded.", summary.drifted);
  }
  out << '\n';
}

} // namespace pave::plan
