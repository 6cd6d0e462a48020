#include <pave/state/state.hpp>

#include <algorithm>

#include <fmt/format.h>

#include <pave/util/random.hpp>
#include <pave/util/sha256.hpp>
#include <pave/util/time.hpp>

namespace pave::state {

namespace {

auto lower_bound_of(const std::vector<ResourceRecord>& v, std::string_view address)
{
  return std::lower_bound(v.begin(), v.end(), address,
                          [](const ResourceRecord& r, std::string_view a) { return r.address < a; });
}

} // namespace

const ResourceRecord* State::find(std::string_view address) const
{
  const auto it = lower_bound_of(resources, address);
  return it != resources.end() && it->address == address ? &*it : nullptr;
}

bool State::remove(std::string_view address)
{
  const auto it = lower_bound_of(resources, address);
  if (it == resources.end() || it->address != address) {
    return false;
  }
  resources.erase(it);
  return true;
}

void State::upsert(ResourceRecord r)
{
  const auto pos = lower_bound_of(resources, r.address);
  const auto index = static_cast<std::size_t>(pos - resources.begin());
  if (index < resources.size() && resources[index].address == r.address) {
    resources[index] = std::move(r);
  } else {
    resources.insert(resources.begin() + static_cast<std::ptrdiff_t>(index), std::move(r));
  }
}

void State::sort_resources()
{
  std::stable_sort(resources.begin(), resources.end(),
                   [](const ResourceRecord& a, const ResourceRecord& b) { return a.address < b.address; });
}

State new_state(std::string environment)
{
  State s;
  s.lineage = util::uuid_v4();
  s.environment = std::move(environment);
  return s;
}

int add_revision(State& s, Revision r)
{
  r.number = s.last_revision() + 1;
  if (r.time.empty()) {
    r.time = util::now_rfc3339();
  }
  if (r.status == "deployed") {
    for (auto& old : s.revisions) {
      if (old.status == "deployed") {
        old.status = "superseded";
      }
    }
  }
  s.revisions.push_back(std::move(r));
  if (s.revisions.size() > k_revisions_kept) {
    s.revisions.erase(s.revisions.begin(),
                      s.revisions.begin() + static_cast<std::ptrdiff_t>(s.revisions.size() - k_revisions_kept));
  }
  if (s.revisions.size() > k_revisions_with_objects) {
    const std::size_t strip = s.revisions.size() - k_revisions_with_objects;
    for (std::size_t i = 0; i < strip; ++i) {
      s.revisions[i].objects = nlohmann::json::object();
    }
  }
  return s.revisions.back().number;
}

nlohmann::json redact_secret(const nlohmann::json& object)
{
  if (!object.is_object()) {
    return object;
  }
  const auto kind = object.find("kind");
  if (kind == object.end() || *kind != "Secret") {
    return object;
  }
  const auto api = object.find("apiVersion");
  if (api != object.end() && *api != "v1") {
    return object; // a CRD kind named Secret in some group: not a core Secret
  }
  nlohmann::json out = object;
  for (const char* field : {"data", "stringData"}) {
    auto it = out.find(field);
    if (it == out.end() || !it->is_object()) {
      continue;
    }
    for (auto& [key, value] : it->items()) {
      value = util::sha256_tagged(value.is_string() ? value.get_ref<const std::string&>() : canonical_json(value));
    }
  }
  // kubectl's last-applied annotation would carry the data in clear.
  if (auto meta = out.find("metadata"); meta != out.end() && meta->is_object()) {
    if (auto ann = meta->find("annotations"); ann != meta->end() && ann->is_object()) {
      if (auto last = ann->find("kubectl.kubernetes.io/last-applied-configuration"); last != ann->end()) {
        *last = util::sha256_tagged(last->is_string() ? last->get_ref<const std::string&>() : canonical_json(*last));
      }
    }
  }
  return out;
}

std::string canonical_json(const nlohmann::json& value)
{
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string object_digest(const nlohmann::json& object)
{
  return util::sha256_tagged(canonical_json(object));
}

std::string k8s_address(std::string_view api_version, std::string_view kind, std::string_view namespace_,
                        std::string_view name)
{
  return fmt::format("k8s:{}/{}/{}/{}", api_version, kind, namespace_, name);
}

} // namespace pave::state
