#include <pave/chart/archive.hpp>

#include <algorithm>
#include <memory>
#include <string>

#include <pave/archive/libarchive.hpp>

namespace pave::chart {

namespace {

/// Go's path.Clean.
std::string clean_path(std::string_view p)
{
  if (p.empty()) {
    return ".";
  }
  const bool rooted = p[0] == '/';
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= p.size()) {
    auto slash = p.find('/', start);
    auto part = p.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (part.empty() || part == ".") {
      // skip
    } else if (part == "..") {
      if (!parts.empty() && parts.back() != "..") {
        parts.pop_back();
      } else if (!rooted) {
        parts.push_back(part);
      }
    } else {
      parts.push_back(part);
    }
    if (slash == std::string_view::npos) {
      break;
    }
    start = slash + 1;
  }
  std::string out = rooted ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) {
      out += '/';
    }
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

struct ArchiveDeleter
{
  const archive::LibArchive* api;
  void operator()(struct archive* a) const { api->read_free(a); }
};

} // namespace

util::Result<std::vector<File>> read_chart_archive(std::string_view data)
{
  PAVE_TRY_ASSIGN(const archive::LibArchive* api, archive::libarchive());
  std::unique_ptr<struct archive, ArchiveDeleter> a(api->read_new(), ArchiveDeleter{api});
  api->read_support_filter_gzip(a.get());
  api->read_support_format_tar(a.get());
  if (api->read_open_memory(a.get(), data.data(), data.size()) != ARCHIVE_OK) {
    return util::fail("{}", api->error_string(a.get()) ? api->error_string(a.get()) : "gzip: invalid header");
  }
  std::vector<File> files;
  struct archive_entry* entry = nullptr;
  for (;;) {
    const int rc = api->read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) {
      break;
    }
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      const char* msg = api->error_string(a.get());
      return util::fail("{}", msg ? msg : "invalid chart archive");
    }
    if (api->entry_filetype(entry) != AE_IFREG) {
      continue;
    }
    std::string name = api->entry_pathname(entry) ? api->entry_pathname(entry) : "";
    const char delim = name.find('\\') != std::string::npos ? '\\' : '/';
    const auto first = name.find(delim);
    const std::string head = name.substr(0, first);
    std::string n = first == std::string::npos ? "" : name.substr(first + 1);
    std::replace(n.begin(), n.end(), delim, '/');
    if (!n.empty() && n[0] == '/') {
      return util::fail("chart illegally contains absolute paths");
    }
    n = clean_path(n);
    if (n == ".") {
      return util::fail("chart illegally contains content outside the base directory: \"{}\"", name);
    }
    if (n.starts_with("..")) {
      return util::fail("chart illegally references parent directory");
    }
    if (n.size() >= 2 && n[1] == ':' && ((n[0] >= 'a' && n[0] <= 'z') || (n[0] >= 'A' && n[0] <= 'Z'))) {
      return util::fail("chart contains illegally named files");
    }
    if (head == "Chart.yaml") {
      return util::fail("chart yaml not in base directory");
    }
    std::string content;
    const auto size = api->entry_size(entry);
    if (size > 0) {
      content.reserve(static_cast<std::size_t>(size));
    }
    char buf[65536];
    for (;;) {
      const auto got = api->read_data(a.get(), buf, sizeof buf);
      if (got < 0) {
        const char* msg = api->error_string(a.get());
        return util::fail("{}", msg ? msg : "error reading chart archive");
      }
      if (got == 0) {
        break;
      }
      content.append(buf, static_cast<std::size_t>(got));
    }
    if (content.starts_with("\xEF\xBB\xBF")) {
      content.erase(0, 3);
    }
    files.push_back(File{std::move(n), std::move(content)});
  }
  if (files.empty()) {
    return util::fail("no files in chart archive");
  }
  std::stable_sort(files.begin(), files.end(), [](const File& x, const File& y) { return x.name < y.name; });
  return files;
}

} // namespace pave::chart
