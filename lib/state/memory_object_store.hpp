#pragma once
/// ObjectStore in memory, with S3's semantics for conditions: a real backend
/// shared by every S3StateStore given the same instance (tests of locking and
/// conflicts without a server). ETags are "\"<n>\"" from a counter, so a
/// rewrite with the same bytes gets a new tag.
#include <map>
#include <mutex>

#include <pave/state/object_store.hpp>

namespace pave::state {

class MemoryObjectStore final : public ObjectStore
{
public:
  /// Runs before each operation ("get", "put", "remove", "list") with its key,
  /// outside the store's mutex: tests interleave other writers there (the
  /// hook's own calls run it again). Set it before sharing the store.
  using Hook = std::function<void(std::string_view operation, const std::string& key)>;

  std::string describe() const override { return "memory://"; }
  util::Result<std::optional<StoredObject>> get(const std::string& key) override;
  util::Result<PutOutcome> put(const std::string& key, std::string bytes, const PutCondition& condition) override;
  util::Result<PutOutcome> remove(const std::string& key, const std::string& if_match = {}) override;
  util::Result<std::vector<ObjectEntry>> list(const std::string& prefix) override;

  void set_hook(Hook hook) { m_hook = std::move(hook); }
  /// Direct access for tests (no conditions, no hook).
  void set(const std::string& key, std::string bytes);
  std::optional<std::string> bytes(const std::string& key) const;
  std::vector<std::string> keys() const;

private:
  void hook(std::string_view operation, const std::string& key);

  mutable std::mutex m_mutex;
  std::map<std::string, StoredObject> m_objects;
  std::uint64_t m_next_tag = 1;
  Hook m_hook;
};

} // namespace pave::state
