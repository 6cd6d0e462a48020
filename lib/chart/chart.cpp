#include <pave/chart/chart.hpp>

namespace pave::chart {

bool is_partial(std::string_view template_name)
{
  const auto slash = template_name.rfind('/');
  const auto base = slash == std::string_view::npos ? template_name : template_name.substr(slash + 1);
  return base.starts_with("_");
}

bool renders_template(const Metadata& md, std::string_view template_name)
{
  return md.type != "library" || is_partial(template_name);
}

std::string Chart::full_path() const
{
  if (!is_root()) {
    return parent->full_path() + "/charts/" + name();
  }
  return name();
}

void Chart::add_dependency(std::shared_ptr<Chart> dep)
{
  dep->parent = this;
  dependencies.push_back(std::move(dep));
}

namespace {

bool has_manifest_extension(std::string_view name)
{
  const auto slash = name.rfind('/');
  const auto dot = name.rfind('.');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return false;
  }
  std::string ext(name.substr(dot));
  for (auto& c : ext) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

} // namespace

std::vector<Crd> Chart::crd_objects() const
{
  std::vector<Crd> out;
  const std::string base = full_path();
  for (const auto& f : *files) {
    if (f.name.starts_with("crds/") && has_manifest_extension(f.name)) {
      out.push_back(Crd{base + "/" + f.name, &f});
    }
  }
  for (const auto& d : dependencies) {
    auto sub = d->crd_objects();
    out.insert(out.end(), sub.begin(), sub.end());
  }
  return out;
}

} // namespace pave::chart
