#include <pave/chart/manifest.hpp>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <thread>

#include <pave/chart/chart.hpp>
#include <pave/codec/manifest_head.hpp>
#include <pave/template/strconv.hpp>
#include <pave/util/parallel.hpp>

namespace pave::chart {

namespace {

constexpr std::array<std::string_view, 38> k_install_order = {
    "PriorityClass", "Namespace", "NetworkPolicy", "ResourceQuota", "LimitRange", "PodSecurityPolicy",
    "PodDisruptionBudget", "ServiceAccount", "Secret", "SecretList", "ConfigMap", "StorageClass",
    "PersistentVolume", "PersistentVolumeClaim", "CustomResourceDefinition", "ClusterRole",
    "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList", "Role", "RoleList", "RoleBinding",
    "RoleBindingList", "Service", "DaemonSet", "Pod", "ReplicationController", "ReplicaSet", "Deployment",
    "HorizontalPodAutoscaler", "StatefulSet", "Job", "CronJob", "IngressClass", "Ingress", "APIService",
    "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration",
};


bool is_go_space(char32_t r)
{
  switch (r) {
  case '\t': case '\n': case '\v': case '\f': case '\r': case ' ': case 0x85: case 0xA0:
  case 0x1680: case 0x2028: case 0x2029: case 0x202F: case 0x205F: case 0x3000:
    return true;
  default:
    return r >= 0x2000 && r <= 0x200A;
  }
}

std::size_t trailing_space_width(std::string_view s)
{
  if (s.empty()) {
    return 0;
  }
  const unsigned char c = static_cast<unsigned char>(s.back());
  if (c < 0x80) {
    return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
  }
  const auto d = tmpl::go::decode_last_rune(s);
  return is_go_space(d.rune) && !(d.rune == tmpl::go::k_rune_error && d.width == 1) ? static_cast<std::size_t>(d.width)
                                                                                    : 0;
}

/// strconv.Atoi with Go's accepted syntax; 0 when it does not parse.
int atoi_or_zero(std::string_view s)
{
  std::string_view d = s;
  bool neg = false;
  if (!d.empty() && (d[0] == '+' || d[0] == '-')) {
    neg = d[0] == '-';
    d.remove_prefix(1);
  }
  if (d.empty()) {
    return 0;
  }
  long long v = 0;
  auto [p, ec] = std::from_chars(d.data(), d.data() + d.size(), v);
  if (ec != std::errc{} || p != d.data() + d.size()) {
    return 0;
  }
  v = neg ? -v : v;
  if (v > INT32_MAX || v < INT32_MIN) {
    return 0; // Go's int is 64-bit, but hook weights that large are not meaningful here
  }
  return static_cast<int>(v);
}

std::string lower_trim(std::string_view s)
{
  s = trim_space(s);
  std::string out(s);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

bool kind_less(const Manifest& a, const Manifest& b)
{
  if (a.order < 0 && b.order < 0) {
    return a.kind < b.kind;
  }
  if (a.order < 0) {
    return false;
  }
  if (b.order < 0) {
    return true;
  }
  return a.order < b.order;
}

} // namespace

std::size_t leading_space_width(std::string_view s)
{
  if (s.empty()) {
    return 0;
  }
  const unsigned char c = static_cast<unsigned char>(s[0]);
  if (c < 0x80) {
    return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
  }
  const auto d = tmpl::go::decode_rune(s);
  return is_go_space(d.rune) && !(d.rune == tmpl::go::k_rune_error && d.width == 1) ? static_cast<std::size_t>(d.width)
                                                                                    : 0;
}

std::string_view trim_left_space(std::string_view s)
{
  while (std::size_t w = leading_space_width(s)) {
    s.remove_prefix(w);
  }
  return s;
}

std::string_view trim_right_space(std::string_view s)
{
  while (std::size_t w = trailing_space_width(s)) {
    s.remove_suffix(w);
  }
  return s;
}

std::string_view trim_space(std::string_view s)
{
  return trim_right_space(trim_left_space(s));
}

int install_order(std::string_view kind)
{
  for (std::size_t i = 0; i < k_install_order.size(); ++i) {
    if (k_install_order[i] == kind) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

std::vector<std::string_view> split_documents(std::string_view content)
{
  std::vector<std::string_view> docs;
  const std::string_view text = trim_left_space(content);
  std::size_t piece_start = 0;
  auto emit = [&](std::size_t end) {
    std::string_view d = text.substr(piece_start, end - piece_start);
    if (!trim_space(d).empty()) {
      docs.push_back(trim_left_space(d));
    }
  };
  std::size_t line = 0;
  while (line <= text.size()) {
    if (text.compare(line, 3, "---") == 0) {
      emit(line);
      std::size_t e = line + 3;
      while (e < text.size() && (text[e] == ' ' || text[e] == '\t')) {
        ++e;
      }
      piece_start = e;
    }
    const auto nl = text.find('\n', line);
    if (nl == std::string_view::npos) {
      break;
    }
    line = nl + 1;
  }
  emit(text.size());
  return docs;
}

std::size_t last_document_cut(std::string_view content)
{
  // A separator is recognised by its line alone ("---" at a line's start), so
  // the text after a cut there splits as it would have within the whole.
  const std::size_t nl = content.rfind("\n---");
  return nl == std::string_view::npos ? nl : nl + 1;
}

std::vector<std::string_view> split_manifests_trimmed(std::string_view content)
{
  auto ascii_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; };
  std::vector<std::string_view> docs;
  const std::string_view text = trim_space(content);
  auto emit = [&](std::string_view d) {
    if (!d.empty()) {
      docs.push_back(trim_space(d));
    }
  };
  std::size_t pos = 0;
  std::size_t piece_start = 0;
  bool first = true;
  for (;;) {
    std::size_t sep_start = std::string_view::npos, sep_end = 0;
    if (first && text.starts_with("---")) {
      sep_start = 0;
      sep_end = 3;
    } else {
      for (std::size_t q = text.find('\n', pos); q != std::string_view::npos; q = text.find('\n', q + 1)) {
        if (text.compare(q + 1, 3, "---") == 0) {
          sep_start = q;
          while (sep_start > pos && ascii_space(text[sep_start - 1])) {
            --sep_start;
          }
          sep_end = q + 4;
          break;
        }
      }
    }
    first = false;
    if (sep_start == std::string_view::npos) {
      break;
    }
    while (sep_end < text.size() && ascii_space(text[sep_end])) {
      ++sep_end;
    }
    emit(text.substr(piece_start, sep_start - piece_start));
    piece_start = pos = sep_end;
  }
  emit(text.substr(piece_start));
  return docs;
}

namespace {

struct Doc
{
  std::string_view source;
  std::string_view text;
};

/// Decodes the heads of the documents that have none yet (todo[i]) into
/// heads[i], on two threads when there is enough text.
void decode_heads(const std::vector<Doc>& docs, const std::vector<char>& todo, std::vector<DecodedHead>& heads)
{
  auto work = [&](std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (todo[i]) {
        heads[i] = codec::parse_manifest_head(docs[i].text);
      }
    }
  };
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < docs.size(); ++i) {
    bytes += todo[i] ? docs[i].text.size() : 0;
  }
  constexpr std::size_t k_parallel_bytes = 256 * 1024;
  if (bytes < k_parallel_bytes || std::thread::hardware_concurrency() < 2) {
    work(0, docs.size());
    return;
  }
  // Split by bytes so both halves take about as long.
  std::size_t half = 0, acc = 0;
  while (half < docs.size() && acc < bytes / 2) {
    acc += todo[half] ? docs[half].text.size() : 0;
    ++half;
  }
  std::thread other = util::start_thread([&work, half, &docs] { work(half, docs.size()); });
  work(0, half);
  other.join();
}

} // namespace

util::Result<SortedManifests> sort_manifests(const std::vector<RenderedFile>& files)
{
  SortedManifests out;
  std::vector<Doc> docs;
  std::vector<DecodedHead> heads;
  std::vector<char> todo;
  for (const auto& f : files) {
    if (is_partial(f.name) || trim_space(f.content).empty()) {
      continue;
    }
    // A piece decoded ahead comes split already (RenderedFile::heads).
    std::optional<DecodedPiece> ahead;
    if (f.heads != nullptr) {
      ahead = f.heads->take();
    }
    const auto texts = ahead ? std::move(ahead->documents) : split_documents(f.content);
    for (std::size_t i = 0; i < texts.size(); ++i) {
      docs.push_back(Doc{f.name, texts[i]});
      heads.push_back(ahead ? std::move(ahead->heads[i]) : DecodedHead{});
      todo.push_back(ahead ? 0 : 1);
    }
  }
  decode_heads(docs, todo, heads);
  for (std::size_t i = 0; i < docs.size(); ++i) {
    auto& head = heads[i];
    if (!head) {
      return util::fail("YAML parse error on {}: {}", docs[i].source, head.error().message);
    }
    Manifest m;
    m.source = docs[i].source;
    m.content = docs[i].text;
    m.kind = std::move(head->kind);
    m.order = install_order(m.kind);
    m.name = std::move(head->name);
    const auto hook_it = head->annotations.find("helm.sh/hook");
    if (hook_it == head->annotations.end()) {
      out.generic.push_back(std::move(m));
      continue;
    }
    const auto weight_it = head->annotations.find("helm.sh/hook-weight");
    // Every document with a hook annotation is a hook, whatever its events
    // (like helmref; Helm drops hooks with an unknown event).
    std::string_view events = hook_it->second;
    std::size_t start = 0;
    for (;;) {
      const auto comma = events.find(',', start);
      std::string ev =
          lower_trim(events.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start));
      m.hook_events.push_back(ev == "test-success" ? "test" : std::move(ev));
      if (comma == std::string_view::npos) {
        break;
      }
      start = comma + 1;
    }
    m.is_hook = true;
    m.hook_weight = weight_it != head->annotations.end() ? atoi_or_zero(weight_it->second) : 0;
    out.hooks.push_back(std::move(m));
  }
  std::stable_sort(out.generic.begin(), out.generic.end(),
                   [](const Manifest& a, const Manifest& b) { return kind_less(a, b); });
  std::stable_sort(out.hooks.begin(), out.hooks.end(),
                   [](const Manifest& a, const Manifest& b) { return kind_less(a, b); });
  std::stable_sort(out.hooks.begin(), out.hooks.end(),
                   [](const Manifest& a, const Manifest& b) { return a.hook_weight < b.hook_weight; });
  return out;
}

} // namespace pave::chart
