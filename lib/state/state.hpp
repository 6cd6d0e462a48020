#pragma once
/// The state of one environment: what pave applied (resources), the history of
/// revisions, and sections owned by later features. This is the in-memory
/// model; state_file.hpp reads and writes it as versioned JSON, store.hpp
/// keeps it somewhere (a local file, memory, later S3) under a lock.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace pave::state {

/// One resource pave applied and remembers.
struct ResourceRecord
{
  std::string address; ///< identity, e.g. "k8s:apps/v1/Deployment/shop/web" (cluster-scoped: empty
                       ///< namespace "k8s:v1/Namespace//shop"); cloud later "aws:s3_bucket/NAME"
  std::string app;     ///< pave.toml app that owns it ("" for cloud resources)
  std::string api_version, kind, namespace_, name;
  nlohmann::json applied; ///< the object pave applied, with Secret data/stringData values replaced by
                          ///< "sha256:<hex>" (never secrets in clear)
  std::string digest;     ///< "sha256:<hex>" of the canonical JSON of the full desired object (before
                          ///< redaction), for change detection
  int revision = 0;       ///< revision that last changed it

  bool operator==(const ResourceRecord&) const = default;
};

/// One entry of `pave history`: a deploy, rollback, restore or state surgery.
struct Revision
{
  int number = 0;
  std::string time;        ///< RFC 3339 UTC
  std::string operation;   ///< "deploy", "rollback", "restore", "state rm" ...
  std::string status;      ///< "deployed", "failed", "rolled-back", "superseded"
  std::string description; ///< one line, e.g. "3 created, 1 updated, 0 deleted"
  nlohmann::json apps = nlohmann::json::object();    ///< app -> {chart, chart_version, values_digest}
  nlohmann::json objects = nlohmann::json::object(); ///< address -> object (Secret-redacted), the full
                                                     ///< desired set of that revision, for rollback;
                                                     ///< empty once the revision is older than
                                                     ///< k_revisions_with_objects

  bool operator==(const Revision&) const = default;
};

/// How many revisions a state keeps (older ones are dropped) ...
inline constexpr std::size_t k_revisions_kept = 50;
/// ... and how many of the newest keep their `objects` (rollback targets).
/// Older revisions stay listed in `pave history` without objects: with 3,500
/// objects a full set is ~20 MB in memory, and the file stores each distinct
/// object once (see state_file.hpp) but memory cannot share them.
inline constexpr std::size_t k_revisions_with_objects = 10;

struct State
{
  static constexpr int k_current_format = 2;
  /// Oldest format read (through upgraders): 0 is the pre-release draft, see state_file.hpp.
  static constexpr int k_oldest_format = 0;

  int format_version = k_current_format;
  std::uint64_t serial = 0;   ///< bumped by every write; the serial the state had when read
  std::string lineage;        ///< random UUID v4 made when the state is first created; never changes
  std::string environment;
  std::string pave_version;   ///< pave that wrote it
  std::vector<ResourceRecord> resources; ///< sorted by address
  std::vector<Revision> revisions;       ///< oldest first
  nlohmann::json sections = nlohmann::json::object(); ///< data owned by later features ("failover",
                                                      ///< "backup", ...), kept verbatim

  /// The record with `address`, or nullptr (binary search: resources are sorted).
  const ResourceRecord* find(std::string_view address) const;
  /// Removes the record with `address`; false when there is none.
  bool remove(std::string_view address);
  /// Inserts or replaces the record with r.address, keeping resources sorted.
  void upsert(ResourceRecord r);
  /// Sorts resources by address (after bulk changes).
  void sort_resources();
  /// The newest revision number, 0 when there is none.
  int last_revision() const { return revisions.empty() ? 0 : revisions.back().number; }

  bool operator==(const State&) const = default;
};

/// A new, empty state for `environment` with a fresh lineage.
State new_state(std::string environment);

/// Appends `r` as revision last_revision()+1 (sets r.number and, when empty,
/// r.time to now), marks the previously "deployed" revision "superseded" when
/// r.status is "deployed", drops revisions beyond k_revisions_kept and strips
/// objects from those beyond k_revisions_with_objects. Returns the number.
int add_revision(State& s, Revision r);

/// Replaces Secret data/stringData values with "sha256:<hex>" of the value
/// (pure function; used by the deploy engine). Other objects are returned
/// unchanged; non-string values are hashed through their JSON text.
nlohmann::json redact_secret(const nlohmann::json& object);

/// Compact JSON with sorted keys and no insignificant white space: the text
/// digests and checksums are computed over. Throws nlohmann::json::type_error
/// on invalid UTF-8 in strings (JSON read from text never has any).
std::string canonical_json(const nlohmann::json& value);

/// "sha256:<hex>" of canonical_json(object): ResourceRecord::digest.
std::string object_digest(const nlohmann::json& object);

/// The address of a Kubernetes object: "k8s:GROUP/VERSION/KIND/NAMESPACE/NAME"
/// with apiVersion as written ("v1" for the core group).
std::string k8s_address(std::string_view api_version, std::string_view kind, std::string_view namespace_,
                        std::string_view name);

} // namespace pave::state
