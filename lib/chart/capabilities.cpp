#include <pave/chart/capabilities.hpp>

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <string_view>
#include <vector>

#include <pave/chart/semver.hpp>
#include <pave/template/function.hpp>

namespace pave::chart {

using tmpl::Value;

namespace {

void want_args(std::string_view name, std::span<const Value> args, std::size_t n)
{
  if (args.size() != n) {
    throw tmpl::ArgumentError("wrong number of args for " + std::string(name) + ": want " + std::to_string(n) +
                              " got " + std::to_string(args.size()));
  }
}

/// common.VersionSet: a []string with Has.
class VersionSet final : public tmpl::Object
{
public:
  explicit VersionSet(std::vector<std::string> v) : m_versions(std::move(v)) {}
  std::string type_name() const override { return "common.VersionSet"; }
  std::string kind_name() const override { return "slice"; }
  bool has_method(std::string_view name) const override { return name == "Has"; }
  std::optional<Value> member(std::string_view name, std::span<const Value> args) const override
  {
    if (name != "Has") {
      return std::nullopt;
    }
    want_args(name, args, 1);
    if (!args[0].is_string()) {
      throw tmpl::ArgumentError("wrong type for value; expected string; got " + args[0].type_name());
    }
    return Value(std::find(m_versions.begin(), m_versions.end(), args[0].as_string()) != m_versions.end());
  }
  std::string format() const override
  {
    std::string out = "[";
    for (std::size_t i = 0; i < m_versions.size(); ++i) {
      if (i > 0) {
        out += ' ';
      }
      out += m_versions[i];
    }
    return out + "]";
  }
  Value to_data() const override
  {
    tmpl::ListItems items(m_versions.begin(), m_versions.end());
    return Value::list(std::move(items), tmpl::ElemType::string);
  }
  bool truth() const override { return !m_versions.empty(); }

private:
  std::vector<std::string> m_versions;
};

/// common.KubeVersion: Version/Major/Minor fields, String() and GitVersion().
class KubeVersionObject final : public tmpl::Object
{
public:
  explicit KubeVersionObject(KubeVersion k) : m_k(std::move(k)) {}
  std::string type_name() const override { return "common.KubeVersion"; }
  bool has_method(std::string_view name) const override { return name == "String" || name == "GitVersion"; }
  std::optional<Value> member(std::string_view name, std::span<const Value> args) const override
  {
    if (name == "String" || name == "GitVersion") {
      want_args(name, args, 0);
      return Value(m_k.version);
    }
    if (!args.empty()) {
      return std::nullopt;
    }
    if (name == "Version") {
      return Value(m_k.version);
    }
    if (name == "Major") {
      return Value(m_k.major);
    }
    if (name == "Minor") {
      return Value(m_k.minor);
    }
    return std::nullopt;
  }
  std::string format() const override { return m_k.version; }
  Value to_data() const override
  {
    return Value::map(tmpl::MapItems{{"Major", m_k.major}, {"Minor", m_k.minor}, {"Version", m_k.version}});
  }

private:
  KubeVersion m_k;
};

/// *common.Capabilities.
class CapabilitiesObject final : public tmpl::Object
{
public:
  CapabilitiesObject(Value apis, Value kube, Value helm)
      : m_apis(std::move(apis)), m_kube(std::move(kube)), m_helm(std::move(helm))
  {
  }
  std::string type_name() const override { return "*common.Capabilities"; }
  std::string kind_name() const override { return "ptr"; }
  std::optional<Value> member(std::string_view name, std::span<const Value> args) const override
  {
    if (!args.empty()) {
      return std::nullopt;
    }
    if (name == "APIVersions") {
      return m_apis;
    }
    if (name == "KubeVersion") {
      return m_kube;
    }
    if (name == "HelmVersion") {
      return m_helm;
    }
    return std::nullopt;
  }
  std::string format() const override
  {
    const auto& k = m_kube.as_object().to_data();
    std::string helm = "map[";
    bool first = true;
    for (const auto& [key, v] : m_helm.items()) {
      helm += (first ? "" : " ") + key + ":" + v.as_string();
      first = false;
    }
    helm += "]";
    return "&{" + m_apis.as_object().format() + " {" + k.find("Version")->as_string() + " " +
           k.find("Major")->as_string() + " " + k.find("Minor")->as_string() + "} " + helm + "}";
  }
  Value to_data() const override
  {
    return Value::map(tmpl::MapItems{{"APIVersions", m_apis.as_object().to_data()},
                                     {"HelmVersion", m_helm},
                                     {"KubeVersion", m_kube.as_object().to_data()}});
  }

private:
  Value m_apis, m_kube, m_helm;
};

} // namespace

util::Result<KubeVersion> parse_kube_version(std::string_view s)
{
  // k8s.io/apimachinery's version.ParseGeneric, which Helm's ParseKubeVersion
  // calls: ^\s*v?([0-9]+(?:\.[0-9]+)*)(.*)*$ with at least two numbers, the
  // first not zero-prefixed; what follows the numbers ("-gke.12") is kept in
  // Version only.
  std::string_view t = s;
  const auto go_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r'; };
  while (!t.empty() && go_space(t.front())) {
    t.remove_prefix(1);
  }
  if (t.starts_with('v')) {
    t.remove_prefix(1);
  }
  std::vector<std::string_view> numbers;
  std::size_t i = 0;
  for (;;) {
    const std::size_t start = i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') {
      ++i;
    }
    if (i == start) {
      if (numbers.empty()) {
        return util::fail("could not parse \"{}\" as version", s);
      }
      i = start - 1; // the dot belongs to what follows the numbers
      break;
    }
    numbers.push_back(t.substr(start, i - start));
    if (i + 1 < t.size() && t[i] == '.' && t[i + 1] >= '0' && t[i + 1] <= '9') {
      ++i;
      continue;
    }
    break;
  }
  if (numbers.size() < 2) {
    return util::fail("illegal version string \"{}\"", s);
  }
  if (numbers[0].size() > 1 && numbers[0][0] == '0') {
    return util::fail("illegal zero-prefixed version component \"{}\" in \"{}\"", numbers[0], s);
  }
  std::vector<std::uint64_t> n(numbers.size());
  for (std::size_t k = 0; k < numbers.size(); ++k) {
    const auto [end, ec] = std::from_chars(numbers[k].data(), numbers[k].data() + numbers[k].size(), n[k]);
    if (ec != std::errc() || end != numbers[k].data() + numbers[k].size()) {
      return util::fail("illegal non-numeric version component \"{}\" in \"{}\": strconv.ParseUint: parsing \"{}\": "
                        "value out of range",
                        numbers[k], s, numbers[k]);
    }
  }
  // Version: the text as given, "v" in front (as helmref, and Helm's gitVersion).
  std::string version(s.starts_with('v') ? "" : "v");
  version += s;
  return KubeVersion{version, std::to_string(n[0]), std::to_string(n[1])};
}

const std::vector<std::string>& default_api_versions()
{
  static const std::vector<std::string> k_versions = {
      "v1", "admissionregistration.k8s.io/v1", "apiextensions.k8s.io/v1", "apiregistration.k8s.io/v1",
      "apps/v1", "authentication.k8s.io/v1", "authorization.k8s.io/v1", "autoscaling/v1", "autoscaling/v2",
      "batch/v1", "certificates.k8s.io/v1", "coordination.k8s.io/v1", "discovery.k8s.io/v1",
      "events.k8s.io/v1", "flowcontrol.apiserver.k8s.io/v1", "networking.k8s.io/v1", "node.k8s.io/v1",
      "policy/v1", "rbac.authorization.k8s.io/v1", "scheduling.k8s.io/v1", "storage.k8s.io/v1",
  };
  return k_versions;
}

Value make_capabilities(const KubeVersion& kube, const std::vector<std::string>& extra_api_versions)
{
  std::vector<std::string> apis = default_api_versions();
  apis.insert(apis.end(), extra_api_versions.begin(), extra_api_versions.end());
  Value helm = Value::map(
      tmpl::MapItems{{"GitCommit", ""}, {"GitTreeState", "clean"}, {"GoVersion", "go1.19"}, {"Version", "v3.16.0"}},
      tmpl::ElemType::string);
  return Value::object(std::make_shared<CapabilitiesObject>(
      Value::object(std::make_shared<VersionSet>(std::move(apis))),
      Value::object(std::make_shared<KubeVersionObject>(kube)), std::move(helm)));
}

} // namespace pave::chart
