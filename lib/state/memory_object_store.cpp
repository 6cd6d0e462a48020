#include <pave/state/memory_object_store.hpp>

#include <pave/util/time.hpp>

namespace pave::state {

void MemoryObjectStore::hook(std::string_view operation, const std::string& key)
{
  if (m_hook) {
    m_hook(operation, key);
  }
}

util::Result<std::optional<StoredObject>> MemoryObjectStore::get(const std::string& key)
{
  hook("get", key);
  const std::lock_guard g(m_mutex);
  const auto it = m_objects.find(key);
  if (it == m_objects.end()) {
    return std::optional<StoredObject>();
  }
  return std::optional<StoredObject>(it->second);
}

util::Result<PutOutcome> MemoryObjectStore::put(const std::string& key, std::string bytes,
                                                const PutCondition& condition)
{
  hook("put", key);
  const std::lock_guard g(m_mutex);
  const auto it = m_objects.find(key);
  if (condition.if_absent && it != m_objects.end()) {
    return PutOutcome{};
  }
  if (!condition.if_match.empty() && (it == m_objects.end() || it->second.etag != condition.if_match)) {
    return PutOutcome{};
  }
  StoredObject o{std::move(bytes), "\"" + std::to_string(m_next_tag++) + "\""};
  PutOutcome out{true, o.etag};
  m_objects[key] = std::move(o);
  return out;
}

util::Result<PutOutcome> MemoryObjectStore::remove(const std::string& key, const std::string& if_match)
{
  hook("remove", key);
  const std::lock_guard g(m_mutex);
  const auto it = m_objects.find(key);
  if (!if_match.empty() && (it == m_objects.end() || it->second.etag != if_match)) {
    return PutOutcome{};
  }
  if (it != m_objects.end()) {
    m_objects.erase(it);
  }
  return PutOutcome{true, {}};
}

util::Result<std::vector<ObjectEntry>> MemoryObjectStore::list(const std::string& prefix)
{
  hook("list", prefix);
  const std::lock_guard g(m_mutex);
  std::vector<ObjectEntry> out;
  for (auto it = m_objects.lower_bound(prefix); it != m_objects.end() && it->first.starts_with(prefix); ++it) {
    out.push_back({it->first, it->second.bytes.size(), util::now_rfc3339()});
  }
  return out;
}

void MemoryObjectStore::set(const std::string& key, std::string bytes)
{
  const std::lock_guard g(m_mutex);
  m_objects[key] = StoredObject{std::move(bytes), "\"" + std::to_string(m_next_tag++) + "\""};
}

std::optional<std::string> MemoryObjectStore::bytes(const std::string& key) const
{
  const std::lock_guard g(m_mutex);
  const auto it = m_objects.find(key);
  return it == m_objects.end() ? std::nullopt : std::optional<std::string>(it->second.bytes);
}

std::vector<std::string> MemoryObjectStore::keys() const
{
  const std::lock_guard g(m_mutex);
  std::vector<std::string> out;
  for (const auto& [k, v] : m_objects) {
    out.push_back(k);
  }
  return out;
}

} // namespace pave::state
